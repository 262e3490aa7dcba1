/**
 * TLS to the database against a real TLS-only MariaDB (see tls-mariadb.ts): the backend connects over TLS
 * when DB_TLS says so, refuses a server whose certificate does not verify, and a client without TLS is
 * refused by the server, as RDS with require_secure_transport refuses it.
 */
import { X509Certificate } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../src/app';
import { loadBackendConfig } from '../src/config';
import { connectDb, type Db } from '../src/db';
import { loadDbTls, sslOptions } from '../src/db-tls';
import { migrate } from '../src/migrations';
import { seed } from '../src/seed';
import { ConfigError } from '../../shared/src/env';
import { startTlsMariaDb, type TlsMariaDb } from './tls-mariadb';

jest.setTimeout(90_000);

let server: TlsMariaDb;
beforeAll(async () => {
  server = await startTlsMariaDb();
});
afterAll(() => server?.stop());

function config(tls: Record<string, string>) {
  return loadBackendConfig({
    DB_HOST: '127.0.0.1',
    DB_PORT: String(server.port),
    DB_USER: 'root',
    DB_PASSWORD: '',
    DB_NAME: 'mysql',
    ...tls,
  });
}

async function withDb<T>(tls: Record<string, string>, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectDb(config(tls));
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

describe('the backend over TLS', () => {
  it('connects with TLS when DB_TLS=verify trusts the server’s CA, and serves the API', async () => {
    await withDb({ DB_TLS: 'verify', DB_TLS_CA: server.caFile }, async (db) => {
      const [status] = await db.query<Array<{ Value: string }>>(
        "SHOW SESSION STATUS LIKE 'Ssl_version'",
      );
      expect(status.Value).toMatch(/^TLSv1\.[23]$/);
      const [flag] = await db.query<Array<{ on: number }>>(
        'SELECT @@require_secure_transport AS `on`',
      );
      expect(Number(flag.on)).toBe(1);
      await db.query('CREATE DATABASE IF NOT EXISTS strata_tls');
    });
    const app = await connectDb({
      ...config({ DB_TLS: 'verify', DB_TLS_CA: server.caFile }),
      db: { ...config({ DB_TLS: 'verify', DB_TLS_CA: server.caFile }).db, database: 'strata_tls' },
    });
    try {
      await migrate(app);
      await seed(app);
      const res = await request(createApp(config({}), { db: app }))
        .get('/api/projects')
        .expect(200);
      expect(res.body.length).toBeGreaterThan(0);
    } finally {
      await app.end();
    }
  });

  it('refuses a server whose certificate does not verify against the configured CA', async () => {
    await withDb({ DB_TLS: 'verify', DB_TLS_CA: server.otherCaFile }, async (db) => {
      const failure = (await db
        .query('SELECT 1')
        .catch((e: unknown) => e)) as NodeJS.ErrnoException;
      expect(failure.code).toBe('HANDSHAKE_SSL_ERROR');
      expect(failure.message).toMatch(/certificate/);
      // The API says the database is unavailable rather than failing obscurely.
      const app = createApp(config({}), { db });
      await request(app).get('/health').expect(503);
      await request(app).get('/api/projects').expect(503);
      expect(await db.ping(2_000)).toBe(false);
    });
  });

  it('refuses the RDS bundle for a server it did not sign', async () => {
    await withDb({ DB_TLS: 'rds' }, async (db) => {
      const failure = (await db
        .query('SELECT 1')
        .catch((e: unknown) => e)) as NodeJS.ErrnoException;
      expect(failure.code).toBe('HANDSHAKE_SSL_ERROR');
      expect(failure.message).toMatch(/certificate/);
    });
  });

  it('is refused by a TLS-only server when DB_TLS is off', async () => {
    await withDb({ DB_TLS: 'off' }, async (db) => {
      const failure = await db.query('SELECT 1').catch((error: Error) => error);
      // MariaDB answers a plain-TCP login to a TLS-only server with "access denied" (the same user and
      // empty password log in over TLS in the first test).
      expect((failure as NodeJS.ErrnoException).code).toBe('ER_ACCESS_DENIED_ERROR');
    });
  });
});

describe('DB_TLS', () => {
  it('defaults to rds on AWS (DB_SECRET_ARN set) and off locally', () => {
    expect(loadDbTls({})).toEqual({ mode: 'off' });
    expect(loadDbTls({ DB_SECRET_ARN: 'arn:aws:secretsmanager:x' })).toEqual({ mode: 'rds' });
    expect(loadDbTls({ DB_SECRET_ARN: 'arn', DB_TLS: 'off' })).toEqual({ mode: 'off' });
  });

  it('rds verifies against the Amazon RDS certificate bundle, chain and host name', () => {
    const ssl = sslOptions({ mode: 'rds' })!;
    expect(ssl).toEqual(
      expect.objectContaining({ rejectUnauthorized: true, verifyIdentity: true }),
    );
    const subjects = [ssl.ca].flat().map((pem) => new X509Certificate(pem).subject);
    expect(subjects.length).toBeGreaterThan(10);
    expect(subjects.filter((s) => /OU=Amazon RDS/.test(s)).length).toBeGreaterThan(100);
    expect(subjects.some((s) => /CN=Amazon RDS us-east-1 Root CA RSA2048 G1/.test(s))).toBe(true);
  });

  it.each([
    [{ DB_TLS: 'yes' }, /^DB_TLS: must be off, rds or verify/],
    [{ DB_TLS: 'verify' }, /^DB_TLS_CA: is not set/],
    [{ DB_TLS: 'rds', DB_TLS_CA: '/x.pem' }, /^DB_TLS_CA: is only used with DB_TLS=verify/],
    [{ DB_TLS: 'verify', DB_TLS_CA: '/no/such/ca.pem' }, /^DB_TLS_CA: cannot read/],
    [{ DB_TLS: 'verify', DB_TLS_CA: __filename }, /^DB_TLS_CA: .* holds no PEM certificate/],
  ])('rejects %j at start-up, naming the variable', (env, message) => {
    const load = () => config(env as Record<string, string>);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });
});
