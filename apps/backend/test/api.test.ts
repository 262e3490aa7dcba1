import request from 'supertest';
import type { RequestListener as Express } from 'node:http';
import { createApp } from '../src/app';
import type { Db } from '../src/db';
import { seedProjects, seedSkills } from '../src/seed';
import { memoryLogger } from '../../shared/src/logger';
import { scratchDatabase, type ScratchDatabase } from '../../tools/src/local-db';

jest.setTimeout(30_000);

let scratch: ScratchDatabase;
let app: Express;
const { logger, lines } = memoryLogger();

function appWith(overrides: Partial<ScratchDatabase['config']> = {}): Express {
  return createApp(
    { ...scratch.config, contactRateLimit: { windowMs: 60_000, limit: 1_000 }, ...overrides },
    { db: scratch.db, logger },
  );
}

beforeAll(async () => {
  scratch = await scratchDatabase('api');
  app = appWith();
});
afterAll(() => scratch.drop());

async function contactRows(): Promise<
  Array<{ id: number; name: string; email: string; message: string }>
> {
  return scratch.db.query('SELECT id, name, email, message FROM contacts ORDER BY id');
}

describe('GET /health', () => {
  it('reports the database up', async () => {
    const res = await request(app).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up' });
  });
});

describe('portfolio content', () => {
  it('lists the seeded projects, featured first, with technologies as a list', async () => {
    const res = await request(app).get('/api/projects').expect(200);
    expect(res.body).toHaveLength(seedProjects.length);
    const featured = seedProjects.filter((p) => p.featured).map((p) => p.name);
    expect(res.body.slice(0, featured.length).map((p: { name: string }) => p.name)).toEqual(
      featured,
    );
    const first = res.body[0];
    expect(first.technologies).toEqual(seedProjects[0].technologies);
    expect(first).toEqual(
      expect.objectContaining({ id: expect.any(Number), featured: true, url: seedProjects[0].url }),
    );
  });

  it('lists the seeded skills with their categories', async () => {
    const res = await request(app).get('/api/skills').expect(200);
    expect(res.body).toHaveLength(seedSkills.length);
    const categories = new Set(res.body.map((s: { category: string }) => s.category));
    expect(categories).toEqual(new Set(seedSkills.map((s) => s[1])));
  });
});

describe('POST /api/contact', () => {
  it('stores a JSON submission and answers 201 with the new id', async () => {
    const res = await request(app)
      .post('/api/contact')
      .send({ name: '  Ada Lovelace ', email: 'ada@example.com', message: 'Hello <b>there</b>\n' })
      .expect(201);
    const row = (await contactRows()).find((r) => r.id === res.body.id);
    expect(row).toEqual({
      id: res.body.id,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      message: 'Hello <b>there</b>\n',
    });
  });

  it('stores a form-encoded submission', async () => {
    const res = await request(app)
      .post('/api/contact')
      .type('form')
      .send('name=Grace&email=grace%40example.org&message=hi')
      .expect(201);
    expect((await contactRows()).find((r) => r.id === res.body.id)?.email).toBe(
      'grace@example.org',
    );
  });

  it('counts characters, not bytes: 255 emoji are a valid name', async () => {
    const name = '🚀'.repeat(255);
    const res = await request(app)
      .post('/api/contact')
      .send({ name, email: 'e@example.com' })
      .expect(201);
    expect((await contactRows()).find((r) => r.id === res.body.id)?.name).toBe(name);
  });

  it.each([
    ['an empty name', { name: '', email: 'a@example.com' }, ['name']],
    ['a 256-character name', { name: 'x'.repeat(256), email: 'a@example.com' }, ['name']],
    ['an address without @', { name: 'A', email: 'not-an-email' }, ['email']],
    ['a 262-character address', { name: 'A', email: `${'a'.repeat(250)}@example.com` }, ['email']],
    [
      'a 5,001-character message',
      { name: 'A', email: 'a@example.com', message: 'm'.repeat(5_001) },
      ['message'],
    ],
    [
      'three bad fields at once',
      { email: 'a b@example.com', message: 42 },
      ['email', 'message', 'name'],
    ],
    ['a repeated form field', { name: ['a', 'b'], email: 'a@example.com' }, ['name']],
  ])('rejects %s with per-field errors and stores nothing', async (_label, body, fields) => {
    const before = (await contactRows()).length;
    const res = await request(app).post('/api/contact').send(body).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    expect((await contactRows()).length).toBe(before);
  });

  it('accepts a message of exactly 5,000 characters', async () => {
    await request(app)
      .post('/api/contact')
      .send({ name: 'A', email: 'a@example.com', message: 'm'.repeat(5_000) })
      .expect(201);
  });

  it('answers 400 to malformed JSON and 413 to an oversized body', async () => {
    await request(app)
      .post('/api/contact')
      .set('Content-Type', 'application/json')
      .send('{"name":')
      .expect(400);
    const res = await request(app)
      .post('/api/contact')
      .send({ name: 'A', email: 'a@example.com', message: 'm'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('rate-limits submissions per client', async () => {
    const limited = appWith({ contactRateLimit: { windowMs: 60_000, limit: 2 } });
    const body = { name: 'Spammer', email: 'spam@example.com' };
    await request(limited).post('/api/contact').send(body).expect(201);
    await request(limited).post('/api/contact').send(body).expect(201);
    const res = await request(limited).post('/api/contact').send(body).expect(429);
    expect(res.body.error).toMatch(/too many/i);
    // Another client (as the ALB reports it) is not affected.
    await request(limited)
      .post('/api/contact')
      .set('X-Forwarded-For', '203.0.113.9, 10.0.1.10')
      .send(body)
      .expect(201);
  });

  it('never logs who wrote or what they wrote', async () => {
    await request(app)
      .post('/api/contact')
      .send({ name: 'Secret Name', email: 'private@example.com', message: 'confidential text' })
      .expect(201);
    await request(app)
      .post('/api/contact')
      .send({ name: 'Secret Name', email: 'bad', message: 'confidential text' })
      .expect(400);
    const text = JSON.stringify(lines);
    expect(lines.some((line) => line.msg === 'contact saved')).toBe(true);
    for (const secret of ['Secret Name', 'private@example.com', 'confidential text'])
      expect(text).not.toContain(secret);
  });
});

describe('GET /api/stats', () => {
  it('counts projects, skills and contacts as stored', async () => {
    const contacts = (await contactRows()).length;
    const res = await request(app).get('/api/stats').expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        projects: seedProjects.length,
        featuredProjects: seedProjects.filter((p) => p.featured).length,
        skills: seedSkills.length,
        skillCategories: new Set(seedSkills.map((s) => s[1])).size,
        contacts,
        contactsLast7Days: contacts,
      }),
    );
    expect(res.body.topTechnologies[0]).toEqual({ name: 'TypeScript', projects: 2 });
    expect(
      res.body.skillsByCategory.reduce((sum: number, c: { skills: number }) => sum + c.skills, 0),
    ).toBe(seedSkills.length);
    expect(Date.parse(res.body.lastContactAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('concurrent reads (coalesced)', () => {
  it('answers a request sent after a write from a read that began after it, never the one in flight', async () => {
    // The counts query reads the database, then holds its answer until released: a read "in flight".
    let held: (() => void) | undefined;
    let reached: () => void = () => undefined;
    const readDone = new Promise<void>((resolve) => (reached = resolve));
    const db: Db = {
      query: async <T>(sql: string, params?: unknown[]) => {
        const rows = await scratch.db.query<T>(sql, params);
        if (sql.includes('AS contactsLast7Days') && !held) {
          await new Promise<void>((resolve) => {
            held = resolve;
            reached();
          });
        }
        return rows;
      },
      ping: (ms) => scratch.db.ping(ms),
      withConnection: (fn) => scratch.db.withConnection(fn),
      end: async () => undefined,
    };
    const gated = createApp(
      { ...scratch.config, contactRateLimit: { windowMs: 60_000, limit: 1_000 } },
      { db, logger },
    );
    const before = (await contactRows()).length;
    const early = request(gated)
      .get('/api/stats')
      .then((res) => res.body.contacts);
    await readDone;
    await request(gated)
      .post('/api/contact')
      .send({ name: 'Coalesced', email: 'c@example.com', message: 'Sent while stats were read.' })
      .expect(201);
    const late = request(gated)
      .get('/api/stats')
      .then((res) => res.body.contacts);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the late request is waiting now
    held!();
    expect(await early).toBe(before);
    expect(await late).toBe(before + 1);
  });

  it('answers each of many concurrent requests with the full JSON and its own headers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => request(app).get('/api/projects').expect(200)),
    );
    for (const res of answers) {
      expect(res.body).toHaveLength(seedProjects.length);
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('HTTP manners', () => {
  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(app).get('/api/projects');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).get('/api/nope').expect(404);
    expect(res.body.error).toContain('/api/nope');
  });

  it('allows only the configured CORS origins', async () => {
    const cors = appWith({ corsOrigins: ['https://portfolio.example'] });
    const ok = await request(cors).get('/api/skills').set('Origin', 'https://portfolio.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://portfolio.example');
    const other = await request(cors).get('/api/skills').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(cors)
      .options('/api/contact')
      .set('Origin', 'https://portfolio.example')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });
});
