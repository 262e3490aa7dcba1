import request from 'supertest';
import type { RequestListener as Express } from 'node:http';
import { createApp } from '../src/app';
import { connectDb, type Db } from '../src/db';
import { scratchDatabase, type ScratchDatabase } from '../../tools/src/local-db';
import { startRelay, type TcpRelay } from './tcp-relay';

jest.setTimeout(30_000);

let scratch: ScratchDatabase;
let relay: TcpRelay;
let db: Db;
let app: Express;

beforeAll(async () => {
  scratch = await scratchDatabase('outage');
  relay = await startRelay({ host: scratch.config.db.host, port: scratch.config.db.port });
  const config = {
    ...scratch.config,
    db: { ...scratch.config.db, host: '127.0.0.1', port: relay.port },
    healthTimeoutMs: 500,
  };
  db = await connectDb(config);
  app = createApp(config, { db });
});
afterAll(async () => {
  await db.end();
  await relay.close();
  await scratch.drop();
});

describe('a database outage', () => {
  it('turns /health to 503 and the API to 503, then recovers by itself', async () => {
    await request(app).get('/health').expect(200, { status: 'ok', db: 'up' });
    await request(app).get('/api/projects').expect(200);

    await relay.cut();
    await request(app).get('/health').expect(503, { status: 'degraded', db: 'down' });
    const failed = await request(app).get('/api/projects').expect(503);
    expect(failed.body.error).toMatch(/database is unavailable/);

    await relay.restore();
    await request(app).get('/health').expect(200);
    const projects = await request(app).get('/api/projects').expect(200);
    expect(projects.body.length).toBeGreaterThan(0);
  });

  it('answers /health within its timeout when the database hangs', async () => {
    relay.stall();
    const started = Date.now();
    await request(app).get('/health').expect(503);
    expect(Date.now() - started).toBeLessThan(5_000);
    await relay.restore();
    // The stalled connection attempt is abandoned by the pool's connect timeout; later queries use fresh ones.
    await waitFor(async () => (await request(app).get('/health')).status === 200, 15_000);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
