import type { CfnTemplate } from '../cfn/yaml';
import { isPlainObject } from '../cfn/intrinsics';
import type { SecurityChange } from './model';
import { showValue } from './show';
import { resolve, symbolOf, withoutRenewal, type Scope } from './symbolic';

/** One access grant found in a template, described in words, with what makes it broad. */
interface Grant {
  kind: SecurityChange['kind'];
  description: string;
  open: boolean;
  effect?: string;
  /** For a CIDR rule: the rule without its peer, and the peer, to tell widened from narrowed. */
  shape?: string;
  cidr?: string;
}

type Props = Record<string, unknown>;

const PROTOCOLS: Record<string, string> = {
  '-1': 'all traffic',
  tcp: 'TCP',
  udp: 'UDP',
  icmp: 'ICMP',
  '6': 'TCP',
  '17': 'UDP',
};

function rule(kind: 'ingress' | 'egress', group: string, p: Props, o: { stack: string }): Grant {
  const proto = PROTOCOLS[String(p.IpProtocol)] ?? `protocol ${String(p.IpProtocol)}`;
  const [from, to] = [p.FromPort, p.ToPort].map((x) => (x === undefined ? undefined : String(x)));
  const ports =
    proto === 'all traffic' || from === undefined
      ? ''
      : from === to || to === undefined
        ? ` ${from}`
        : ` ${from}-${to}`;
  const cidr = (p.CidrIp ?? p.CidrIpv6) as string | undefined;
  const peerValue =
    cidr ??
    p.SourceSecurityGroupId ??
    p.DestinationSecurityGroupId ??
    p.SourcePrefixListId ??
    p.DestinationPrefixListId;
  const world =
    cidr === '0.0.0.0/0' ? 'Everyone (IPv4)' : cidr === '::/0' ? 'Everyone (IPv6)' : undefined;
  const peer = world ?? showValue(peerValue, o);
  const shape = `${group} ${kind} ${proto}${ports}`;
  return {
    kind,
    shape,
    cidr: typeof cidr === 'string' ? cidr : undefined,
    description: `${shape} ${kind === 'ingress' ? 'from' : 'to'} ${peer}`,
    // Outbound to anywhere is the default every security group starts with: not a hole.
    open: kind === 'ingress' && world !== undefined,
  };
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function statements(doc: unknown, who: string, o: { stack: string }): Grant[] {
  const st = isPlainObject(doc) ? list(doc.Statement) : [];
  return st.filter(isPlainObject).map((s) => {
    const actions = list(s.Action ?? s.NotAction).map((a) => showValue(a, o));
    const resources = list(s.Resource ?? s.NotResource).map((r) => showValue(r, o));
    const when = s.Condition ? ` when ${showValue(s.Condition, o)}` : '';
    return {
      kind: 'iam-statement' as const,
      effect: String(s.Effect),
      description: `${String(s.Effect)} ${actions.join(', ')} on ${resources.join(', ')} for ${who}${when}`,
      open: actions.some((a) => a === '*' || a.endsWith(':*')) || resources.includes('*'),
    };
  });
}

function grantsOf(id: string, type: string, p: Props, o: { stack: string }): Grant[] {
  if (type === 'AWS::EC2::SecurityGroup')
    return [
      ...list(p.SecurityGroupIngress)
        .filter(isPlainObject)
        .map((r) => rule('ingress', id, r, o)),
      ...list(p.SecurityGroupEgress)
        .filter(isPlainObject)
        .map((r) => rule('egress', id, r, o)),
    ];
  if (type === 'AWS::EC2::SecurityGroupIngress' || type === 'AWS::EC2::SecurityGroupEgress') {
    const group = symbolOf(p.GroupId)?.resource ?? showValue(p.GroupId ?? p.GroupName, o);
    return [rule(type.endsWith('Ingress') ? 'ingress' : 'egress', group, p, o)];
  }
  if (type === 'AWS::IAM::Role')
    return [
      ...list(p.Policies)
        .filter(isPlainObject)
        .flatMap((x) => statements(x.PolicyDocument, id, o)),
      ...list(p.ManagedPolicyArns).map((arn) => {
        const name = showValue(arn, o).split('/').pop() ?? '';
        return {
          kind: 'managed-policy' as const,
          description: `${id} managed policy ${name}`,
          open: /AdministratorAccess|FullAccess/.test(name),
        };
      }),
    ];
  if (
    type === 'AWS::IAM::RolePolicy' ||
    type === 'AWS::IAM::Policy' ||
    type === 'AWS::IAM::ManagedPolicy'
  ) {
    const who = [p.RoleName, ...list(p.Roles)]
      .filter((x) => x !== undefined)
      .map((x) => showValue(x, o));
    return statements(p.PolicyDocument, who.join(', ') || id, o);
  }
  return [];
}

function grants(template: CfnTemplate | undefined, scope: Scope): Map<string, Grant> {
  const out = new Map<string, Grant>();
  for (const [id, r] of Object.entries(template?.Resources ?? {})) {
    const props = withoutRenewal(resolve(r.Properties ?? {}, scope)) as Props;
    for (const g of grantsOf(id, r.Type, props, { stack: scope.stack })) out.set(g.description, g);
  }
  return out;
}

function ipv4(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const n = m.slice(1, 5).reduce((acc, x) => acc * 256 + Number(x), 0);
  return [n, Number(m[5])];
}

/** True when CIDR `outer` holds every address of `inner`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [a, b] = [ipv4(outer), ipv4(inner)];
  if (!a || !b || a[1] > b[1]) return false;
  const size = 2 ** (32 - a[1]);
  return Math.floor(a[0] / size) === Math.floor(b[0] / size);
}

function change(g: Grant, kind: 'added' | 'removed', others: Grant[]): SecurityChange {
  const widens = (kind === 'added') !== (g.effect === 'Deny');
  const twin = others.find((x) => x.shape && x.shape === g.shape && x.cidr && g.cidr);
  let note = '';
  let w = widens;
  if (kind === 'added' && twin) {
    if (cidrContains(g.cidr!, twin.cidr!)) note = ` (widened from ${twin.cidr})`;
    else if (cidrContains(twin.cidr!, g.cidr!))
      [note, w] = [` (narrowed from ${twin.cidr})`, false];
  }
  return {
    kind: g.kind,
    change: kind,
    description: g.description + note,
    widens: w,
    open: g.open && kind === 'added',
  };
}

/** The access changes of one stack: security-group rules, IAM statements and managed policies, added or removed. */
export function securityChanges(
  _layer: string,
  before: CfnTemplate | undefined,
  after: CfnTemplate | undefined,
  base: Scope,
  now: Scope,
): SecurityChange[] {
  const [a, b] = [grants(before, base), grants(after, now)];
  const added = [...b.values()].filter((g) => !a.has(g.description));
  const removed = [...a.values()].filter((g) => !b.has(g.description));
  return [
    ...added.map((g) => change(g, 'added', removed)),
    ...removed.map((g) => change(g, 'removed', added)),
  ];
}
