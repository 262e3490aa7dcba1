import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';
import type { SecurityChange } from './model';

interface RuleLike {
  groupId: string;
  peer?: { kind: string; ip?: string };
  describeProtocol(): string;
  describePeer(): string;
}

interface StatementLike {
  isNegativeStatement: boolean;
  render(): {
    resource: string;
    effect: string;
    action: string;
    principal: string;
    condition: string;
  };
}

const EVERYWHERE = new Set(['0.0.0.0/0', '::/0']);

// cloudformation-diff renders references as `${Logical.Attr}` (principals as `AWS:${Logical}`); the logical id alone reads better.
const short = (ref: string) => ref.replace(/^(AWS:)?\$\{([^.}]+)(\.[^}]*)?\}$/, '$2');

/** A managed policy ARN (often a `Fn::Sub` rendered as JSON) shortened to the policy's name. */
function policyName(arn: string): string {
  const name = /:policy\/([^"}]+)/.exec(arn)?.[1];
  return name ?? short(arn);
}

function rules(
  direction: 'ingress' | 'egress',
  added: RuleLike[],
  removed: RuleLike[],
): SecurityChange[] {
  const word = direction === 'ingress' ? 'from' : 'to';
  const one = (rule: RuleLike, change: 'added' | 'removed'): SecurityChange => {
    const open = rule.peer?.kind === 'cidr-ip' && EVERYWHERE.has(rule.peer.ip ?? '');
    return {
      kind: direction,
      change,
      widens: change === 'added',
      open,
      description: `${short(rule.groupId)} ${direction} ${rule.describeProtocol()} ${word} ${short(rule.describePeer())}`,
    };
  };
  return [...added.map((r) => one(r, 'added')), ...removed.map((r) => one(r, 'removed'))];
}

function statements(added: StatementLike[], removed: StatementLike[]): SecurityChange[] {
  const one = (st: StatementLike, change: 'added' | 'removed'): SecurityChange => {
    const r = st.render();
    // An added Allow or a removed Deny grants more; the reverse takes access away.
    const widens = (change === 'added') !== st.isNegativeStatement;
    const open = /(^|\s)\*($|\s)/.test(r.resource) || /(^|\s)\*($|\s)|:\*/.test(r.action);
    const principal = r.principal ? ` for ${r.principal.split('\n').map(short).join(', ')}` : '';
    return {
      kind: 'iam-statement',
      change,
      widens,
      open,
      description: `${r.effect} ${r.action.replace(/\n/g, ', ')} on ${r.resource.replace(/\n/g, ', ')}${principal}${r.condition ? ` when ${r.condition.replace(/\s+/g, ' ')}` : ''}`,
    };
  };
  return [...added.map((s) => one(s, 'added')), ...removed.map((s) => one(s, 'removed'))];
}

/** The access changes of a template diff: security-group rules, IAM statements and managed policy attachments. */
export function securityChanges(diff: TemplateDiff): SecurityChange[] {
  const sg = diff.securityGroupChanges;
  const iam = diff.iamChanges;
  const policies = (
    list: { identityArn: string; managedPolicyArn: string }[],
    change: 'added' | 'removed',
  ): SecurityChange[] =>
    list.map((p) => ({
      kind: 'managed-policy',
      change,
      widens: change === 'added',
      open: /AdministratorAccess|FullAccess/.test(p.managedPolicyArn),
      description: `${short(p.identityArn)} managed policy ${policyName(p.managedPolicyArn)}`,
    }));
  return [
    ...rules(
      'ingress',
      sg.ingress.additions as unknown as RuleLike[],
      sg.ingress.removals as unknown as RuleLike[],
    ),
    ...rules(
      'egress',
      sg.egress.additions as unknown as RuleLike[],
      sg.egress.removals as unknown as RuleLike[],
    ),
    ...statements(
      iam.statements.additions as unknown as StatementLike[],
      iam.statements.removals as unknown as StatementLike[],
    ),
    ...policies(iam.managedPolicies.additions, 'added'),
    ...policies(iam.managedPolicies.removals, 'removed'),
  ];
}
