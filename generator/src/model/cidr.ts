/** An IPv4 CIDR block as numbers: the base address and the prefix length. */
export interface Cidr {
  base: number;
  prefix: number;
}

/** Parses `a.b.c.d/n`; returns a reason string when it is not a valid IPv4 CIDR. */
export function parseCidr(text: string): Cidr | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return 'is not an IPv4 CIDR such as 10.0.0.0/16';
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return 'has an address part above 255';
  const prefix = Number(match[5]);
  if (prefix > 32) return 'has a prefix length above 32';
  const base = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return { base, prefix };
}

/** The netmask of a prefix length as an unsigned 32-bit number. */
function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Formats a CIDR back to text. */
export function formatCidr(c: Cidr): string {
  const b = c.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${c.prefix}`;
}

/** The same block with host bits cleared: what AWS would store. */
export function canonical(c: Cidr): Cidr {
  return { base: (c.base & mask(c.prefix)) >>> 0, prefix: c.prefix };
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    (inner.base & mask(outer.prefix)) >>> 0 === canonical(outer).base
  );
}

/** True when two blocks share any address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}
