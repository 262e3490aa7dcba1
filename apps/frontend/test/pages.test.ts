import request from 'supertest';
import { createApp, PAGE_HEADERS } from '../src/app';
import { API_SECURITY_HEADERS } from '../../shared/src/security-headers';

// No backend is needed: everything here is answered by the frontend itself (the URL refuses connections).
const app = createApp({
  backendUrls: ['http://127.0.0.1:9'],
  proxy: { connectTimeoutMs: 500, responseTimeoutMs: 500, cooldownMs: 1_000 },
  healthProbe: { timeoutMs: 200, cacheMs: 0 },
});

function expectHeaders(headers: Record<string, string>, expected: Record<string, string>): void {
  for (const [name, value] of Object.entries(expected))
    expect([name, headers[name.toLowerCase()]]).toEqual([name, value]);
}

describe('the page content security policy', () => {
  it('allows styles, scripts and fonts from this origin only', async () => {
    const res = await request(app).get('/').expect(200);
    const csp: string = res.headers['content-security-policy'];
    const directives = new Map(
      csp.split(';').map((d) => [d.trim().split(' ')[0], d.trim().split(' ').slice(1)]),
    );
    for (const name of ['style-src', 'font-src', 'script-src', 'default-src'])
      expect([name, directives.get(name)]).toEqual([name, ["'self'"]]);
    expect(csp).not.toMatch(/unsafe-inline|https:|upgrade-insecure-requests/);
    expectHeaders(res.headers, PAGE_HEADERS);
  });
});

describe("the frontend's own error responses", () => {
  it('413 for an oversized API body carries the same security headers as every response', async () => {
    const res = await request(app)
      .post('/api/contact')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ message: 'x'.repeat(70_000) }))
      .expect(413);
    expect(res.body.error).toMatch(/too large/);
    expectHeaders(res.headers, { ...PAGE_HEADERS, ...API_SECURITY_HEADERS });
  });

  it('502 from the proxy carries the API security headers', async () => {
    const res = await request(app).get('/api/projects').expect(502);
    expectHeaders(res.headers, API_SECURITY_HEADERS);
  });

  it('unknown pages get a small HTML 404 page with the page headers', async () => {
    const res = await request(app).get('/no/such/page').expect(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.text).toContain('href="/"');
    expectHeaders(res.headers, PAGE_HEADERS);
  });

  it('unknown non-GET pages are 404 HTML too; API paths keep their JSON errors', async () => {
    await request(app).post('/nothing').expect(404).expect('Content-Type', /html/);
    const api = await request(app).get('/api/projects').expect(502);
    expect(api.headers['content-type']).toMatch(/application\/json/);
  });
});
