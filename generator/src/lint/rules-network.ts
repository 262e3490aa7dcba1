import { isPlainObject } from '../cfn/intrinsics';
import { defineRule, dig, finding, listOf, resourcesOfType } from './rule-helpers';
import type { CfnTemplate, LintRule, TemplatePath } from './types';

interface IngressRule {
  resource: string;
  path: TemplatePath;
  rule: Record<string, unknown>;
}

/** Every ingress rule: inline in security groups and standalone SecurityGroupIngress resources. */
function ingressRules(template: CfnTemplate): IngressRule[] {
  const out: IngressRule[] = [];
  for (const sg of resourcesOfType(template, 'AWS::EC2::SecurityGroup')) {
    listOf(sg.props.SecurityGroupIngress).forEach((rule, i) => {
      if (isPlainObject(rule))
        out.push({ resource: sg.id, path: [...sg.base, 'SecurityGroupIngress', i], rule });
    });
  }
  for (const ingress of resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')) {
    out.push({ resource: ingress.id, path: ingress.base, rule: ingress.props });
  }
  return out;
}

function fromWorld(rule: Record<string, unknown>): boolean {
  return rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
}

/** True when the rule lets TCP traffic reach `port` (protocol -1 means every protocol and port). */
function coversPort(rule: Record<string, unknown>, port: number): boolean {
  const protocol = String(rule.IpProtocol ?? '').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  const from = Number(rule.FromPort);
  const to = Number(rule.ToPort);
  return (
    Number.isFinite(from) &&
    Number.isFinite(to) &&
    ((from <= port && port <= to) || (from === -1 && to === -1))
  );
}

function openToWorldRule(id: string, service: string, port: number): LintRule {
  return defineRule(
    {
      id,
      severity: 'error',
      summary: `${service} (port ${port}) open to 0.0.0.0/0 or ::/0`,
      topology: ['ingress'],
    },
    (template, self) =>
      ingressRules(template)
        .filter((ingress) => fromWorld(ingress.rule) && coversPort(ingress.rule, port))
        .map((ingress) =>
          finding(
            self,
            ingress.resource,
            ingress.path,
            `${ingress.resource} lets the whole internet reach ${service} (port ${port})`,
            `in the topology, allow port ${port} only from an admin CIDR or a security group (or use SSM Session Manager)`,
          ),
        ),
  );
}

/** SSH reachable from anywhere. */
export const sshOpenToWorld = openToWorldRule('SSH_OPEN_TO_WORLD', 'SSH', 22);

/** RDP reachable from anywhere. */
export const rdpOpenToWorld = openToWorldRule('RDP_OPEN_TO_WORLD', 'RDP', 3389);

/** True when a listener only redirects to HTTPS, which is the right use of an HTTP listener. */
function redirectsToHttps(props: Record<string, unknown>): boolean {
  const actions = listOf(props.DefaultActions);
  return (
    actions.length > 0 &&
    actions.every(
      (a) => dig(a, 'Type') === 'redirect' && dig(a, 'RedirectConfig', 'Protocol') === 'HTTPS',
    )
  );
}

/** A load balancer that serves plain HTTP with no HTTPS listener beside it (a warning: a site may not have a certificate yet). */
export const albHttpOnly = defineRule(
  {
    id: 'ALB_HTTP_ONLY',
    severity: 'warning',
    summary: 'load balancer serves HTTP without an HTTPS listener',
    topology: ['protocol'],
  },
  (template, self) => {
    const listeners = resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::Listener');
    if (listeners.some((l) => l.props.Protocol === 'HTTPS')) return [];
    return listeners
      .filter((l) => l.props.Protocol === 'HTTP' && !redirectsToHttps(l.props))
      .map((l) =>
        finding(
          self,
          l.id,
          [...l.base, 'Protocol'],
          `${l.id} serves plain HTTP and there is no HTTPS listener: traffic to the site is unencrypted`,
          'set `loadBalancer.https: { domain: ... }` (strata creates the certificate and redirects port 80 to HTTPS), or suppress with `lint.suppress: [{ rule: ALB_HTTP_ONLY, reason: ... }]` until the site has a domain',
        ),
      );
  },
);
