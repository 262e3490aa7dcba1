import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { createApp } from '../src/app';
import type { FrontendConfig } from '../src/config';
import { backendProxy } from '../src/proxy';
import { createApp as createBackendApp } from '../../backend/src/app';
import { connectDb, type Db } from '../../backend/src/db';
import { bundleApp } from '../../tools/src/bundle';
import { localBackendEnv } from '../../tools/src/config';
import { scratchDatabase, type ScratchDatabase } from '../../tools/src/local-db';
import { startServer, type ServerProcess } from '../../tools/src/processes';
import { startHttpServer, type RunningServer } from '../../shared/src/http-server';

jest.setTimeout(60_000);

let scratch: ScratchDatabase;
let dir: string;
let backend: ServerProcess;
let backendUrl: string;
let deadUrl: string;
let hang: { url: string; requests: string[]; close(): Promise<void> };

function frontend(backendUrls: string[], overrides: Partial<FrontendConfig> = {}) {
  return createApp({
    backendUrls,
    // Short enough to keep the hanging-backend tests quick, long enough for a busy CI machine.
    proxy: { connectTimeoutMs: 1_000, responseTimeoutMs: 1_500, cooldownMs: 10_000 },
    healthProbe: { timeoutMs: 500, cacheMs: 0 },
    ...overrides,
  });
}

beforeAll(async () => {
  scratch = await scratchDatabase('proxy');
  dir = await mkdtemp(path.join(os.tmpdir(), 'strata-proxy-'));
  // A real backend process: the bundle EC2 runs, against the scratch database.
  const env = {
    ...(localBackendEnv({}, scratch.config.db.database) as Record<string, string>),
    PORT: '0',
    WORKERS: '1',
  };
  backend = await startServer(await bundleApp('backend', dir), { env });
  backendUrl = `http://127.0.0.1:${backend.port}`;
  deadUrl = `http://127.0.0.1:${await freePort()}`;
  hang = await hangingServer();
});
afterAll(async () => {
  await backend?.stop();
  await hang?.close();
  await scratch?.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('proxying /api to the backends', () => {
  it('serves the same data as the backend, failing over from a dead backend whatever the rotation', async () => {
    const direct = await (await fetch(`${backendUrl}/api/projects`)).json();
    const app = frontend([deadUrl, backendUrl]);
    for (let i = 0; i < 4; i++) {
      const res = await request(app).get('/api/projects').expect(200);
      expect(res.body).toEqual(direct);
      // The backend's API security headers reach the browser.
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });

  it('replays a POST body on the next backend when the first refuses the connection', async () => {
    const message = 'Hello through the proxy <script>alert(1)</script> ✓';
    const res = await request(frontend([deadUrl, backendUrl]))
      .post('/api/contact')
      .send({ name: 'Proxy User', email: 'proxy@example.com', message })
      .expect(201);
    const rows = await scratch.db.query<Array<{ message: string }>>(
      'SELECT message FROM contacts WHERE id = ?',
      [res.body.id],
    );
    expect(rows[0].message).toBe(message);
  });

  it('passes form bodies and per-field 400s through unchanged', async () => {
    const app = frontend([backendUrl]);
    await request(app)
      .post('/api/contact')
      .type('form')
      .send('name=Form&email=form%40example.com')
      .expect(201);
    const bad = await request(app).post('/api/contact').send({ name: '', email: 'x' }).expect(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['email', 'name']);
  });

  it('answers 502 JSON when no backend accepts the connection', async () => {
    const res = await request(frontend([deadUrl, `http://127.0.0.1:${await freePort()}`]))
      .get('/api/skills')
      .expect(502);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.error).toMatch(/No backend is reachable/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('fails a GET over to the next backend when the first does not answer in time', async () => {
    const res = await request(frontend([hang.url, backendUrl]))
      .get('/api/skills')
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('does not replay a POST that timed out (it may have been stored): 504', async () => {
    const before = await scratch.db.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM contacts',
    );
    const seen = hang.requests.length;
    const res = await request(frontend([hang.url, backendUrl]))
      .post('/api/contact')
      .send({ name: 'Once', email: 'once@example.com' })
      .expect(504);
    expect(res.body.error).toMatch(/did not answer in time/);
    expect(hang.requests.slice(seen).some((line) => line.startsWith('POST /api/contact'))).toBe(
      true,
    );
    const after = await scratch.db.query<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM contacts',
    );
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('skips a backend that does not connect within the connect timeout, for any method', async () => {
    // A name whose lookup never answers keeps the socket connecting forever, like a silently dropped SYN.
    const agent = new http.Agent({ keepAlive: true, lookup: () => undefined } as http.AgentOptions);
    const app = express();
    app.use(
      '/api',
      express.raw({ type: () => true }),
      backendProxy(
        ['http://stuck.invalid:5001', backendUrl],
        { connectTimeoutMs: 300, responseTimeoutMs: 5_000, cooldownMs: 10_000 },
        undefined,
        agent,
      ),
    );
    const started = Date.now();
    await request(app)
      .post('/api/contact')
      .send({ name: 'Late', email: 'late@example.com' })
      .expect(201);
    expect(Date.now() - started).toBeLessThan(3_000);
    agent.destroy();
  });

  it('answers 504 when the only backend hangs', async () => {
    await request(frontend([hang.url]))
      .get('/api/stats')
      .expect(504);
  });
});

describe('hop-by-hop headers', () => {
  let echo: RunningServer;
  let received: http.IncomingHttpHeaders = {};
  beforeAll(async () => {
    echo = await startHttpServer((req, res) => {
      received = req.headers;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        Connection: 'X-Backend-Private',
        'X-Backend-Private': 'hop',
        'Proxy-Authenticate': 'Basic',
        'X-End-To-End': 'kept',
      });
      res.end('{}');
    }, 0);
  });
  afterAll(() => echo.close(100));

  it('are not forwarded in either direction; end-to-end headers are', async () => {
    const res = await request(frontend([`http://127.0.0.1:${echo.port}`]))
      .get('/api/echo?x=1')
      .set('Connection', 'keep-alive, X-Client-Private')
      .set('X-Client-Private', 'secret')
      .set('Proxy-Authorization', 'Basic c2VjcmV0')
      .set('TE', 'trailers')
      .set('X-Request-Id', 'abc')
      .expect(200);
    for (const name of ['x-client-private', 'proxy-authorization', 'te', 'keep-alive'])
      expect(received[name]).toBeUndefined();
    expect(received['x-request-id']).toBe('abc');
    expect(received['x-forwarded-for']).toBeDefined();
    expect(res.headers['x-backend-private']).toBeUndefined();
    expect(res.headers['proxy-authenticate']).toBeUndefined();
    expect(res.headers['x-end-to-end']).toBe('kept');
  });
});

describe('answer bodies', () => {
  let bodies: RunningServer;
  // A small answer in several chunks with a Content-Length (collected, sent in one write), and a large
  // chunked one without (streamed): both must arrive byte for byte.
  const small = Buffer.from(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => i) }));
  const large = Buffer.alloc(300_000, 'x');
  beforeAll(async () => {
    bodies = await startHttpServer((req, res) => {
      if (req.url === '/api/small') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': small.length });
        res.write(small.subarray(0, 10));
        setTimeout(() => res.end(small.subarray(10)), 20);
      } else {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write(large.subarray(0, 100_000));
        setTimeout(() => res.end(large.subarray(100_000)), 20);
      }
    }, 0);
  });
  afterAll(() => bodies.close(100));

  it('pass through whole, collected when small and sized, streamed otherwise', async () => {
    const app = frontend([`http://127.0.0.1:${bodies.port}`]);
    const a = await request(app).get('/api/small').buffer(true).expect(200);
    expect(Buffer.from(a.text)).toEqual(small);
    expect(a.headers['content-length']).toBe(String(small.length));
    const b = await request(app).get('/api/large').buffer(true).expect(200);
    expect(b.text.length).toBe(large.length);
    expect(b.headers['transfer-encoding']).toBe('chunked');
    const head = await request(app).head('/api/small').expect(200);
    expect(head.headers['content-length']).toBe(String(small.length));
  });
});

describe('frontend /health', () => {
  it('is 200 with the backend up', async () => {
    const res = await request(frontend([backendUrl, deadUrl]))
      .get('/health')
      .expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      backend: 'up',
      backends: { total: 2, reachable: 1, healthy: 1 },
    });
  });

  it('stays 200 but says "down" when no backend answers', async () => {
    const res = await request(frontend([deadUrl]))
      .get('/health')
      .expect(200);
    expect(res.body.backend).toBe('down');
  });

  it('says "degraded" when the backends answer but their database is down', async () => {
    let db: Db | undefined;
    let sick: RunningServer | undefined;
    try {
      const config = {
        ...scratch.config,
        db: { ...scratch.config.db, port: await freePort() },
        healthTimeoutMs: 300,
      };
      db = await connectDb(config);
      sick = await startHttpServer(createBackendApp(config, { db }), 0);
      const res = await request(frontend([`http://127.0.0.1:${sick.port}`]))
        .get('/health')
        .expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        backend: 'degraded',
        backends: { total: 1, reachable: 1, healthy: 0 },
      });
    } finally {
      await sick?.close(100);
      await db?.end();
    }
  });
});

describe('the bundled frontend process', () => {
  it('serves the page from public/ beside server.js and proxies to the backend', async () => {
    const script = await bundleApp('frontend', path.join(dir, 'frontend'));
    const server = await startServer(script, {
      env: { PORT: '0', WORKERS: '1', BACKEND_URLS: `${deadUrl},${backendUrl}` },
    });
    try {
      const page = await fetch(`http://127.0.0.1:${server.port}/`);
      expect(await page.text()).toContain('<form id="contact-form"');
      const skills = await fetch(`http://127.0.0.1:${server.port}/api/skills`);
      expect(skills.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});

describe('static page', () => {
  it('serves index.html with a strict content security policy', async () => {
    const res = await request(frontend([backendUrl]))
      .get('/')
      .expect(200);
    expect(res.text).toContain('<form id="contact-form"');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    await request(frontend([backendUrl]))
      .get('/app.js')
      .expect('Content-Type', /javascript/)
      .expect(200);
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Accepts connections and reads requests but never answers: a backend stuck on something.
async function hangingServer(): Promise<{
  url: string;
  requests: string[];
  close(): Promise<void>;
}> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk) => requests.push(chunk.toString('latin1').split('\r\n')[0]));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
