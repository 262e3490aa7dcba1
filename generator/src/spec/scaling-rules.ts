import type { StrataTopology } from '../model/topology.generated';
import { pascal } from '../model/names';
import { internalLbGroupName } from '../model/scaling';
import { cronProblem } from './cron';
import type { Diagnostic } from '../errors';

// The shape of rules.ts's Finding, restated so that rules.ts can import this file without a cycle.
type Finding = Omit<Diagnostic, 'position' | 'sourceLine'> & { key?: boolean };
type Rule = (t: StrataTopology, report: (f: Finding) => void) => void;
type Tier = NonNullable<StrataTopology['tiers']>[string];

const error = (code: string, path: string, message: string, fix: string): Finding => ({
  code,
  severity: 'error',
  path,
  message,
  fix,
});

/** Sizes must nest: min ≤ desired ≤ max, and leave room to keep one instance in service. */
function checkSizes(name: string, tier: Tier, report: (f: Finding) => void): void {
  const a = tier.autoScaling!;
  const path = `tiers.${name}.autoScaling`;
  if (tier.count !== undefined)
    report(
      error(
        'scaling/count-and-auto',
        `tiers.${name}.count`,
        'a tier has either `count` (fixed instances) or `autoScaling`, not both',
        'remove `count`; the group runs between `autoScaling.min` and `autoScaling.max`',
      ),
    );
  if (a.min > a.max)
    report(
      error(
        'scaling/min-max',
        `${path}.min`,
        `min ${a.min} is above max ${a.max}`,
        'lower `min` or raise `max`',
      ),
    );
  if (a.desired !== undefined && (a.desired < a.min || a.desired > a.max))
    report(
      error(
        'scaling/desired',
        `${path}.desired`,
        `desired ${a.desired} is outside min ${a.min} – max ${a.max}`,
        `choose a value from ${a.min} to ${a.max}`,
      ),
    );
  if (a.max < 2)
    report(
      error(
        'scaling/no-room',
        `${path}.max`,
        'with max 1, a rolling update cannot keep an instance in service while it replaces one',
        'set `max` to 2 or more',
      ),
    );
  if (a.max >= 2 && (a.maxBatchSize ?? 1) >= a.max)
    report(
      error(
        'scaling/batch',
        `${path}.maxBatchSize`,
        `a batch of ${a.maxBatchSize} leaves no instance in service in a group of at most ${a.max}`,
        `set \`maxBatchSize\` below ${a.max}`,
      ),
    );
  if (
    a.desired !== undefined &&
    a.desired !== a.min &&
    a.desired >= a.min &&
    a.desired <= a.max &&
    (a.targetCpuPercent !== undefined || (a.schedules ?? []).length > 0)
  )
    report({
      ...error(
        'scaling/desired-ignored',
        `${path}.desired`,
        `desired ${a.desired} is not rendered: the CPU target or schedules size the group, which starts at min ${a.min}`,
        'remove `desired`, or set `min` to the size the group should start at',
      ),
      severity: 'warning',
    });
}

/** Each schedule: five-field Unix cron, sizes that nest, something to change, a unique name. */
function checkSchedules(name: string, tier: Tier, report: (f: Finding) => void): void {
  const seen = new Set<string>();
  (tier.autoScaling!.schedules ?? []).forEach((s, i) => {
    const path = `tiers.${name}.autoScaling.schedules[${i}]`;
    const problem = cronProblem(s.cron);
    if (problem)
      report(
        error(
          'scaling/cron',
          `${path}.cron`,
          `\`${s.cron}\` ${problem}`,
          'write five fields in UTC, e.g. `0 8 * * MON-FRI`',
        ),
      );
    if (s.min === undefined && s.max === undefined && s.desired === undefined)
      report(
        error(
          'scaling/schedule-empty',
          path,
          'the schedule changes nothing',
          'give it `min`, `max` or `desired`',
        ),
      );
    const [lo, want, hi] = [s.min ?? 0, s.desired, s.max ?? Infinity];
    if (lo > hi || (want !== undefined && (want < lo || want > hi)))
      report(
        error(
          'scaling/schedule-sizes',
          path,
          'the schedule sizes do not nest (min ≤ desired ≤ max)',
          'fix the numbers',
        ),
      );
    // Names become logical ids (`x-1` and `x1` are both `X1`), so compare them as such.
    if (seen.has(pascal(s.name)))
      report(
        error(
          'scaling/schedule-name',
          `${path}.name`,
          `two schedules are named \`${s.name}\``,
          'give each a unique name',
        ),
      );
    seen.add(pascal(s.name));
  });
}

/** A group or an internal load balancer spreads over the tier's subnets, so they must span zones. */
function checkZones(
  t: StrataTopology,
  name: string,
  tier: Tier,
  report: (f: Finding) => void,
): void {
  const zones = t.network.subnets[tier.subnets]?.cidrs.length;
  if (zones === undefined || zones >= 2) return;
  const what = tier.autoScaling ? 'an Auto Scaling group' : 'an internal load balancer';
  report(
    error(
      'scaling/one-zone',
      `tiers.${name}.subnets`,
      `${what} needs the tier's subnets in at least two zones; \`${tier.subnets}\` has one`,
      'use a subnet group with a subnet in two or more zones',
    ),
  );
}

const autoScaledTiers: Rule = (t, report) => {
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    if (tier.autoScaling) {
      checkSizes(name, tier, report);
      checkSchedules(name, tier, report);
    }
    if (tier.autoScaling || tier.internalLoadBalancer) checkZones(t, name, tier, report);
    const group = internalLbGroupName(name);
    if (tier.internalLoadBalancer && t.securityGroups?.[group])
      report(
        error(
          'scaling/group-name',
          `securityGroups.${group}`,
          `strata names the security group of tier \`${name}\`'s internal load balancer \`${group}\``,
          'rename this security group',
        ),
      );
  }
};

/** `url` needs an internal load balancer; `urls`/`addresses` need fixed instances to list. */
const serviceRefs: Rule = (t, report) => {
  for (const [name, tier] of Object.entries(t.tiers ?? {})) {
    for (const [key, value] of Object.entries(tier.environment ?? {})) {
      if (typeof value === 'string' || !value.ref.startsWith('tiers.')) continue;
      const [, target, attribute] = value.ref.split('.');
      const callee = t.tiers?.[target];
      const path = `tiers.${name}.environment.${key}.ref`;
      if (!callee) continue;
      if (attribute === 'url' && !callee.internalLoadBalancer)
        report(
          error(
            'ref/no-internal-lb',
            path,
            `\`${value.ref}\` needs tier \`${target}\` behind an internal load balancer`,
            `add \`internalLoadBalancer: {}\` to tiers.${target}`,
          ),
        );
      if (attribute !== 'url' && callee.autoScaling)
        report(
          error(
            'ref/auto-scaled-addresses',
            path,
            `tier \`${target}\` is auto-scaled: its instances come and go, so there are no addresses to list`,
            `give tiers.${target} an \`internalLoadBalancer: {}\` and use \`{ ref: tiers.${target}.url }\``,
          ),
        );
    }
  }
};

/** Rules for auto-scaled tiers and service discovery between tiers. */
export const SCALING_RULES: Rule[] = [autoScaledTiers, serviceRefs];
