import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEALTH_WAIT_SECONDS, SIGNAL_BEGIN, SIGNAL_END } from '../../src/layers/boot-signal';
import { generateText, SEED_TEXT, userDataOf } from '../core/helpers';
import { AUTO_SCALING_FILE, fixtureWith } from './helpers';

// Runs the boot script's signalling step, exactly as rendered, with stubs for the AWS CLI and the
// instance metadata service; the health check is a real HTTP server on 127.0.0.1.
const INSTANCE = 'i-0123456789abcdef0';
let server: Server;
let status = 200;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(req.url === '/health' ? status : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The rendered backend boot script of the fixture with the tier on the stub's port. */
function bootScript(): string {
  const text = fixtureWith('    port: 5001\n', `    port: ${port}\n`);
  return userDataOf(generateText(text, AUTO_SCALING_FILE), 'BackendLaunchTemplate');
}

/** The signalling functions, the ERR trap, then `tail` (the script's last step, or a failure). */
function signallingStep(script: string, tail: string): string {
  const lines = script.split('\n');
  const begin = lines.indexOf(SIGNAL_BEGIN);
  const end = lines.indexOf(SIGNAL_END);
  const trap = lines[end + 1];
  expect(trap).toMatch(/^trap 'strata_signal FAILURE/);
  const functions = lines.slice(begin, end + 1);
  // The only substitutions CloudFormation makes in these lines.
  return ['set -euo pipefail', ...functions, trap, tail]
    .join('\n')
    .replace(/\$\{AWS::StackName\}/g, 'portfolio-compute')
    .replace(/\$\{AWS::Region\}/g, 'us-east-1');
}

/** The last step of the rendered script: wait for health, then signal. */
function lastStep(script: string, waitSeconds: number): string {
  const lines = script.split('\n');
  const start = lines.findIndex((l) => l.startsWith('if strata_wait_healthy '));
  const step = lines.slice(start).join('\n');
  expect(step).toContain(` ${HEALTH_WAIT_SECONDS}; then`);
  // Waiting the real five minutes for a failure would only slow the suite down.
  return step.replace(` ${HEALTH_WAIT_SECONDS}; then`, ` ${waitSeconds}; then`);
}

function stubs(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const write = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  write('aws', `echo "$*" >> "${dir}/aws.log"`);
  write(
    'curl',
    [
      'case "$*" in',
      '  *169.254.169.254/latest/api/token*) echo token-1 ;;',
      `  *169.254.169.254/latest/meta-data/instance-id*) [[ "$*" == *"token: token-1"* ]] && echo ${INSTANCE} ;;`,
      '  *) exec /usr/bin/curl "$@" ;;',
      'esac',
    ].join('\n'),
  );
  return bin;
}

async function run(script: string): Promise<{ code: number; stdout: string; aws: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-signal-'));
  writeFileSync(join(dir, 'step.sh'), script);
  const env = { ...process.env, PATH: `${stubs(dir)}:${process.env.PATH}` };
  const code = await new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile('bash', [join(dir, 'step.sh')], { env, timeout: 20_000 }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    ),
  );
  let aws = '';
  try {
    aws = readFileSync(join(dir, 'aws.log'), 'utf8');
  } catch {
    // No call to the AWS CLI at all.
  }
  return { ...code, aws };
}

const signal = (result: string) =>
  `cloudformation signal-resource --region us-east-1 --stack-name portfolio-compute --logical-resource-id BackendAutoScalingGroup --unique-id ${INSTANCE} --status ${result}\n`;

describe('the boot script signals CloudFormation', () => {
  it('signals SUCCESS once the app answers its health check', async () => {
    status = 200;
    const script = bootScript();
    const r = await run(signallingStep(script, lastStep(script, 4)));
    expect(r.aws).toBe(signal('SUCCESS'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`backend answers http://127.0.0.1:${port}/health`);
  });

  it('signals FAILURE with the reason when the app never becomes healthy', async () => {
    status = 503;
    const script = bootScript();
    const r = await run(signallingStep(script, lastStep(script, 2)));
    expect(r.aws).toBe(signal('FAILURE'));
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain(
      `FAILURE for portfolio-compute/BackendAutoScalingGroup: backend did not answer http://127.0.0.1:${port}/health within ${HEALTH_WAIT_SECONDS} s`,
    );
  });

  it('signals FAILURE, once, naming the command, when an earlier boot step fails', async () => {
    const r = await run(
      signallingStep(bootScript(), 'cat /nonexistent/artifact.tgz\necho unreachable'),
    );
    expect(r.aws).toBe(signal('FAILURE'));
    expect(r.stdout).toContain('boot script failed at line');
    expect(r.stdout).toContain(': cat /nonexistent/artifact.tgz');
    expect(r.stdout).not.toContain('unreachable');
  });

  it('is only in auto-scaled tiers: fixed instances keep their boot script', () => {
    const seed = userDataOf(generateText(SEED_TEXT), 'BackendLaunchTemplate');
    expect(seed).not.toContain(SIGNAL_BEGIN);
    expect(seed).not.toContain('signal-resource');
  });
});
