import { backendProbe } from '../src/backend-health';
import { startHttpServer, type RunningServer } from '../../shared/src/http-server';

let hits = 0;
let status = 200;
let server: RunningServer;
beforeAll(async () => {
  server = await startHttpServer((_req, res) => {
    hits += 1;
    res.writeHead(status).end('{}');
  }, 0);
});
afterAll(() => server.close(100));

describe('backendProbe', () => {
  it('probes each backend once per cache period, however often the ALB asks', async () => {
    const probe = backendProbe([`http://127.0.0.1:${server.port}`], {
      timeoutMs: 500,
      cacheMs: 200,
    });
    hits = 0;
    const answers = await Promise.all([probe(), probe(), probe()]);
    expect(answers[0]).toEqual({ total: 1, reachable: 1, healthy: 1 });
    expect(hits).toBe(1);
    status = 503;
    expect(await probe()).toEqual({ total: 1, reachable: 1, healthy: 1 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await probe()).toEqual({ total: 1, reachable: 1, healthy: 0 });
    expect(hits).toBe(2);
  });
});
