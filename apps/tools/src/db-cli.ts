/** `npm run db:migrate` / `npm run db:seed`: migrate (and seed) the dev database, or the one DB_* names. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { connectDb } from '../../backend/src/db';
import { migrate } from '../../backend/src/migrations';
import { seed } from '../../backend/src/seed';
import { ConfigError } from '../../shared/src/env';
import { DEV_DB_NAME, localBackendConfig, toolEnv } from './config';
import { ensureDatabase } from './local-db';

async function main(command: string | undefined): Promise<void> {
  if (command !== 'migrate' && command !== 'seed') {
    throw new Error('usage: db-cli migrate|seed');
  }
  const config = localBackendConfig(toolEnv(), DEV_DB_NAME);
  const target = `${config.db.user}@${config.db.host}:${config.db.port}/${config.db.database}`;
  await ensureDatabase(config);
  const db = await connectDb(config);
  try {
    const applied = await migrate(db);
    console.log(
      applied.length
        ? `${target}: applied ${applied.join(', ')}`
        : `${target}: schema already up to date`,
    );
    if (command === 'seed') {
      const counts = await seed(db);
      console.log(`${target}: seeded ${counts.projects} projects and ${counts.skills} skills`);
    }
  } finally {
    await db.end();
  }
}

main(process.argv[2]).catch((error: Error) => {
  const hint = error instanceof ConfigError ? '' : ' (is MariaDB running? see README "Apps")';
  console.error(`error: ${error.message}${hint}`);
  process.exitCode = 1;
});
