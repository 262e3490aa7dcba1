import type { Finding, Suppression } from './types';

/** Findings split by the topology's `lint.suppress` entries, with the entries that matched nothing. */
export interface SuppressionResult {
  kept: Finding[];
  suppressed: Array<{ finding: Finding; reason: string }>;
  unused: Suppression[];
}

function matches(s: Suppression, f: Finding): boolean {
  return s.rule === f.rule && (s.resource === undefined || s.resource === f.resource);
}

/** Silences each finding whose rule (and resource, when given) a suppression names. */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
): SuppressionResult {
  const used = new Set<Suppression>();
  const kept: Finding[] = [];
  const suppressed: SuppressionResult['suppressed'] = [];
  for (const f of findings) {
    const s = suppressions.find((candidate) => matches(candidate, f));
    if (s) {
      used.add(s);
      suppressed.push({ finding: f, reason: s.reason });
    } else kept.push(f);
  }
  return { kept, suppressed, unused: suppressions.filter((s) => !used.has(s)) };
}
