import { attachmentsOf } from '../../src/layers/attachments';
import { loadBalancerLayer } from '../../src/layers/load-balancer';
import { loadBalancer, model, tier } from './builders';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/abcd-1234';

/** A web tier behind the load balancer, whose group admits it. */
const behind = (parts: Parameters<typeof loadBalancer>[1] = {}, count = 1) =>
  model({
    securityGroups: {
      alb: {
        description: 'Load balancer',
        ingress: [
          { port: 443, from: { cidr: '0.0.0.0/0' } },
          { port: 80, from: { cidr: '0.0.0.0/0' } },
        ],
      },
      web: {
        description: 'Web servers',
        ingress: [{ port: 5000, from: { securityGroup: 'alb' } }],
      },
    },
    tiers: { web: tier({ count }) },
    loadBalancer: loadBalancer('web', { securityGroup: 'alb', ...parts }),
  });

describe('load-balancer layer', () => {
  it('applies only with a load balancer, and offers the site URL to the project', () => {
    expect(loadBalancerLayer.applies(model({ tiers: { web: tier() } }))).toBe(false);
    expect(loadBalancerLayer.exports).toEqual({ siteUrl: 'SiteUrl' });
  });

  // The tier attaches itself: its target group (in the compute stack) lists its instances.
  it("targets every instance of the tier, on the tier's port, and takes nothing from compute", () => {
    const attached = attachmentsOf(behind({}, 2));
    expect(attached.targetGroups.map((g) => [g.logicalId, g.port, g.targets])).toEqual([
      [
        'WebTargetGroup',
        5000,
        [
          { id: '!Ref WebInstance1', port: 5000 },
          { id: '!Ref WebInstance2', port: 5000 },
        ],
      ],
    ]);
    const data = loadBalancerLayer.toTemplateData(behind({}, 2));
    expect(data.parameters.map((p) => p.name)).toEqual(['PublicSubnetIds', 'AlbSecurityGroupId']);
  });

  it('serves an http:// site over HTTP only, an https:// one with a TLS 1.3 policy', () => {
    const http = loadBalancerLayer.toTemplateData(behind());
    expect(http.outputs.find((o) => o.name === 'SiteUrl')!.value).toBe(
      '!Sub "http://${LoadBalancer.DNSName}"',
    );
    const https = loadBalancerLayer.toTemplateData(
      behind({
        listeners: [
          { port: 443, protocol: 'HTTPS', certificateArn: CERTIFICATE, target: { tier: 'web' } },
        ],
      }),
    );
    expect(https.outputs.find((o) => o.name === 'SiteUrl')!.value).toBe(
      '!Sub "https://${LoadBalancer.DNSName}"',
    );
    expect(https.listeners.map((l) => [l.port, l.certificate, l.sslPolicy])).toEqual([
      [443, JSON.stringify(CERTIFICATE), 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09'],
    ]);
  });
});
