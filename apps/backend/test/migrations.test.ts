process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { connectDb } from '../src/db';
import { migrate, migrations } from '../src/migrations';
import { portfolioDetails } from '../src/migrations/002-portfolio-details';
import { seed, seedProjects, seedSkills } from '../src/seed';
import { scratchDatabase, type ScratchDatabase } from '../../tools/src/local-db';

jest.setTimeout(30_000);

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await scratchDatabase('migrate', { seeded: false });
});
afterAll(() => scratch.drop());

async function count(table: string): Promise<number> {
  const rows = await scratch.db.query<Array<{ n: number }>>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

describe('migrations', () => {
  it('recorded every version once and a second run applies nothing', async () => {
    const recorded = await scratch.db.query<Array<{ version: number }>>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(scratch.db)).toEqual([]);
  });

  it('applies pending migrations exactly once when several starters race', async () => {
    await scratch.db.query('DELETE FROM schema_migrations WHERE version = 2');
    const dbs = await Promise.all([1, 2, 3].map(() => connectDb(scratch.config)));
    const results = await Promise.all(dbs.map((db) => migrate(db)));
    await Promise.all(dbs.map((db) => db.end()));
    expect(results.flat()).toEqual(['002-portfolio-details']);
    expect(await count('schema_migrations')).toBe(migrations.length);
  });

  it('can re-run a migration that was applied but not recorded (DDL commits implicitly)', async () => {
    await scratch.db.withConnection((conn) => portfolioDetails.up(conn));
    const columns = await scratch.db.query<unknown[]>(
      "SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'projects' AND COLUMN_NAME = 'featured'",
    );
    expect(columns).toHaveLength(1);
  });

  it('seeds a realistic portfolio, and seeding again leaves the same content and keeps contacts', async () => {
    await scratch.db.query(
      "INSERT INTO contacts (name, email, message) VALUES ('K', 'k@example.com', 'keep me')",
    );
    await seed(scratch.db);
    await seed(scratch.db);
    expect(await count('projects')).toBe(seedProjects.length);
    expect(await count('skills')).toBe(seedSkills.length);
    expect(await count('contacts')).toBe(1);
  });
});

describe('credentials from a rotated secret', () => {
  const user = `strata_rot_${Date.now() % 100000}`;
  const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-rot-AbCdEf';
  afterAll(() => scratch.db.query(`DROP USER IF EXISTS '${user}'@'%'`));

  it('re-reads the secret once when the database refuses the old password', async () => {
    await scratch.db.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'old-password-1'`);
    await scratch.db.query(`GRANT SELECT ON \`${scratch.config.db.database}\`.* TO '${user}'@'%'`);
    const sm = mockClient(SecretsManagerClient);
    sm.on(GetSecretValueCommand)
      .resolvesOnce({
        SecretString: JSON.stringify({ username: user, password: 'old-password-1' }),
      })
      .resolves({ SecretString: JSON.stringify({ username: user, password: 'new-password-2' }) });
    const config = {
      ...scratch.config,
      db: { ...scratch.config.db, password: undefined, secretArn: ARN },
    };
    const db = await connectDb(config, {
      secrets: new SecretsManagerClient({ region: 'us-east-1' }),
    });
    try {
      // Rotation happens after start-up: the pool still holds the old password.
      await scratch.db.query(`ALTER USER '${user}'@'%' IDENTIFIED BY 'new-password-2'`);
      const rows = await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM projects');
      expect(Number(rows[0].n)).toBe(seedProjects.length);
      expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    } finally {
      await db.end();
      sm.restore();
    }
  });
});
