import http from 'node:http';
import express from 'express';
import request from 'supertest';
import { requestTimeout, startHttpServer } from '../src/http-server';
import { memoryLogger } from '../src/logger';

describe('requestTimeout', () => {
  it('answers 503 JSON when a handler does not respond in time', async () => {
    const app = express();
    app.use(requestTimeout(50));
    app.get('/stuck', () => undefined);
    const res = await request(app).get('/stuck').expect(503);
    expect(res.body).toEqual({ error: 'request timed out' });
  });

  it('asks keep-alive clients to close once the server is shutting down', async () => {
    let stopping = false;
    const app = express();
    app.use(requestTimeout(1_000, () => stopping));
    app.get('/', (_req, res) => res.json({}));
    const server = await startHttpServer(app, 0);
    const agent = new http.Agent({ keepAlive: true });
    const connectionHeader = (): Promise<string | undefined> =>
      new Promise((resolve, reject) => {
        http
          .get({ port: server.port, agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.headers.connection));
          })
          .on('error', reject);
      });
    try {
      expect(await connectionHeader()).toBe('keep-alive');
      stopping = true;
      expect(await connectionHeader()).toBe('close');
    } finally {
      agent.destroy();
      await server.close(100);
    }
  });
});

describe('startHttpServer', () => {
  it('closes gracefully: the in-flight request finishes, then the server stops', async () => {
    let release: () => void = () => undefined;
    const server = await startHttpServer((_req, res) => {
      release = () => res.end('done');
    }, 0);
    const agent = new http.Agent({ keepAlive: true });
    const body = new Promise<string>((resolve, reject) => {
      http
        .get({ port: server.port, agent }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await body).toBe('done');
    // The kept-alive connection is closed after its response, so close() resolves long before its grace period.
    const started = Date.now();
    await closed;
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.server.listening).toBe(false);
    agent.destroy();
  });
});

describe('logger', () => {
  it("writes one JSON object per line and keeps an error's name, message and code, not its stack", () => {
    const { logger, lines } = memoryLogger();
    logger
      .child({ app: 'test' })
      .error('failed', { error: Object.assign(new Error('boom'), { code: 'E_X' }) });
    expect(lines[0]).toEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'failed',
        app: 'test',
        error: { name: 'Error', message: 'boom', code: 'E_X' },
      }),
    );
    expect(JSON.stringify(lines[0])).not.toContain('at ');
  });
});
