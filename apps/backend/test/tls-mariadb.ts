/**
 * A throwaway TLS-only MariaDB for the TLS tests: certificates made with openssl, a fresh data directory,
 * `require_secure_transport=ON` (as the RDS parameter group sets), on a spare loopback port.
 *
 * A second server rather than reconfiguring the shared one on 127.0.0.1:3306: that one serves other test
 * runs at the same time (a restart would break them), and a server of the test's own can be TLS-only, which
 * is what proves a client without TLS is refused.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';

/** The running server and the files a client needs. */
export interface TlsMariaDb {
  port: number;
  /** The CA that signed the server's certificate (for localhost and 127.0.0.1). */
  caFile: string;
  /** A CA that signed nothing the server presents: verifying against it must fail. */
  otherCaFile: string;
  stop(): Promise<void>;
}

function openssl(dir: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA (`<name>.pem`, `<name>.key`) with an EC P-256 key, valid for a day. */
function makeCa(dir: string, name: string): void {
  openssl(
    dir,
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...[
      '-days',
      '1',
      '-subj',
      `/CN=strata test ${name}`,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
    ],
  );
}

async function makeServerCert(dir: string): Promise<void> {
  await writeFile(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl(
    dir,
    ...['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr'],
  );
  openssl(
    dir,
    ...['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key'],
    ...['-CAcreateserial', '-days', '1', '-extfile', 'san.ext', '-out', 'server.pem'],
  );
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Creates the certificates and data directory and starts mariadbd; resolves once it accepts TLS logins. */
export async function startTlsMariaDb(): Promise<TlsMariaDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-tls-db-'));
  makeCa(dir, 'ca');
  makeCa(dir, 'other-ca');
  await makeServerCert(dir);
  const data = path.join(dir, 'data');
  const root = process.getuid?.() === 0 ? ['--user=root'] : [];
  execFileSync('mariadb-install-db', [
    ...['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=normal'],
    ...['--skip-test-db', ...root],
  ]);
  const port = await freePort();
  const child: ChildProcess = spawn(
    'mariadbd',
    [
      ...['--no-defaults', `--datadir=${data}`, `--port=${port}`, '--bind-address=127.0.0.1'],
      ...[`--socket=${path.join(dir, 'mysqld.sock')}`, `--pid-file=${path.join(dir, 'pid')}`],
      ...[`--ssl-ca=${dir}/ca.pem`, `--ssl-cert=${dir}/server.pem`, `--ssl-key=${dir}/server.key`],
      ...[
        '--require-secure-transport=ON',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=16M',
        ...root,
      ],
    ],
    { stdio: 'ignore' },
  );
  const caFile = path.join(dir, 'ca.pem');
  await waitUntilUp(port, caFile, child);
  return {
    port,
    caFile,
    otherCaFile: path.join(dir, 'other-ca.pem'),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilUp(port: number, ca: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with ${child.exitCode}`);
    try {
      const conn = await mysql.createConnection({
        host: '127.0.0.1',
        port,
        user: 'root',
        ssl: { ca: readFileSync(ca, 'utf8'), rejectUnauthorized: true },
      });
      await conn.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
