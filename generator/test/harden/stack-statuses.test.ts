import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { StackStatus } from '@aws-sdk/client-cloudformation';
import { run, type CliIO } from '../../src/cli';
import { STATUS_ACTIONS, statusTableMarkdown } from '../../src/deploy/status-actions';
import { deployedTemplates } from '../../src/diff/deployed';
import { FakeCloudFormation } from '../deploy/fake-cloudformation';
import { DIAMOND_OUTPUTS, diamondManifest, makeWorkspace } from '../deploy/workspace';
import { ROOT } from '../core/helpers';

async function strata(cwd: string, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (into: string[]) =>
    Object.assign(new PassThrough(), { write: (t: string) => into.push(t), isTTY: false }) as never;
  const io: CliIO = {
    stdout: stream(out),
    stderr: stream(err),
    stdin: Object.assign(new PassThrough(), { isTTY: false }),
    env: { STRATA_POLL_INTERVAL_MS: '0', NO_COLOR: '1' },
    cwd,
  };
  const code = await run(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** What GetTemplate returns for a stack whose only change set was never executed. */
const NO_RESOURCES = 'AWSTemplateFormatVersion: "2010-09-09"\n';

const LIVE_STATUSES = Object.keys(STATUS_ACTIONS).filter(
  (s) => s !== 'NOT_DEPLOYED' && s !== 'DELETE_COMPLETE',
);

describe('the stack status table', () => {
  it('covers every stack status of the CloudFormation API', () => {
    expect(Object.keys(STATUS_ACTIONS).sort()).toEqual(
      [...Object.values(StackStatus), 'NOT_DEPLOYED'].sort(),
    );
  });

  it('is the table in docs/deploy.md', () => {
    expect(readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8')).toContain(statusTableMarkdown());
  });
});

describe('every command in every status (issue 9, item 11)', () => {
  let fake: FakeCloudFormation;
  let cwd: string;
  beforeEach(() => {
    fake = new FakeCloudFormation();
    for (const [name, outputs] of Object.entries(DIAMOND_OUTPUTS)) fake.scripts[name] = { outputs };
    cwd = makeWorkspace();
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  const seedAll = (status: string) => {
    for (const s of diamondManifest().stacks)
      fake.seed(s.stackName, status, {
        templateBody: status === 'REVIEW_IN_PROGRESS' ? NO_RESOURCES : undefined,
        outputs: DIAMOND_OUTPUTS[s.stackName],
      });
  };

  it('destroy deletes stacks left in REVIEW_IN_PROGRESS and goes on', async () => {
    seedAll('REVIEW_IN_PROGRESS');
    const r = await strata(cwd, ['destroy', '--yes']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.timeline.filter((t) => t.startsWith('delete:'))).toHaveLength(5);
    expect(r.stdout).toContain('Destroyed 5 stacks of portfolio.');
  });

  it.each(LIVE_STATUSES)(
    '%s: deploy, destroy and status end cleanly and say why',
    async (status) => {
      const actions = STATUS_ACTIONS[status];
      seedAll(status);
      const deploy = await strata(cwd, ['deploy', '--yes']);
      expect(deploy.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
      if (actions.deploy === 'wait' || actions.deploy === 'refuse') {
        expect(deploy.code).toBe(1);
        expect(deploy.stderr).toContain(status);
      } else expect(deploy.code).toBe(0);

      fake = new FakeCloudFormation();
      seedAll(status);
      const destroy = await strata(cwd, ['destroy', '--yes']);
      expect(destroy.stderr).not.toMatch(/internal error|at .*\.ts:\d+/);
      if (actions.destroy === 'wait') {
        expect(destroy.code).toBe(1);
        expect(destroy.stderr).toContain('nothing was deleted');
      } else
        expect({ code: destroy.code, stderr: destroy.stderr }).toEqual({ code: 0, stderr: '' });

      fake = new FakeCloudFormation();
      seedAll(status);
      const shown = await strata(cwd, ['status']);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(status);
      if (!/^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(status))
        expect(shown.stdout).toContain(actions.advice.replace(/<stack>/g, 'portfolio-network'));
    },
  );

  it.each(LIVE_STATUSES)(
    '%s: diff --deployed reads what is deployed, or nothing',
    async (status) => {
      const actions = STATUS_ACTIONS[status];
      seedAll(status);
      for (const s of fake.stacks.values())
        if (s.status !== 'REVIEW_IN_PROGRESS')
          s.templateBody = 'Resources:\n  A:\n    Type: AWS::SNS::Topic\n';
      const warnings: string[] = [];
      const set = await deployedTemplates(fake.api, diamondManifest(), (m) => warnings.push(m));
      expect(set.templates.size).toBe(actions.diff === 'not-deployed' ? 0 : 5);
      expect(warnings).toHaveLength(actions.diff === 'compare-busy' ? 5 : 0);
    },
  );
});
