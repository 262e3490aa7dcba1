import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../src/app';
import { createApp as createBackendApp } from '../../backend/src/app';
import { scratchDatabase, type ScratchDatabase } from '../../tools/src/local-db';
import { startHttpServer, type RunningServer } from '../../shared/src/http-server';
import { CHROMIUM, CHROMIUM_FLAGS, describeWithChromium } from '../../shared/test/chromium';

jest.setTimeout(60_000);

let scratch: ScratchDatabase;
let backend: RunningServer;
let frontend: RunningServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  scratch = await scratchDatabase('browser');
  const backendApp = createBackendApp(
    { ...scratch.config, contactRateLimit: { windowMs: 60_000, limit: 100 } },
    { db: scratch.db },
  );
  backend = await startHttpServer(backendApp, 0, '127.0.0.1');
  const frontendApp = createApp({
    backendUrls: [`http://127.0.0.1:${backend.port}`],
    proxy: { connectTimeoutMs: 2_000, responseTimeoutMs: 10_000, cooldownMs: 10_000 },
    healthProbe: { timeoutMs: 1_000, cacheMs: 2_000 },
  });
  frontend = await startHttpServer(frontendApp, 0, '127.0.0.1');
  url = `http://127.0.0.1:${frontend.port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
  await frontend?.close(100);
  await backend?.close(100);
  await scratch?.drop();
});

/** Opens the page and records script errors and CSP violations, which must not happen. */
async function openPage(
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(url);
  await page.locator('[data-list="projects"] li').first().waitFor();
  return { page, problems };
}

async function contactCount(): Promise<number> {
  const rows = await scratch.db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM contacts');
  return Number(rows[0].n);
}

describeWithChromium('the portfolio page in Chromium', () => {
  it('shows the projects, the skills grouped by category, and the stats from the database', async () => {
    const { page, problems } = await openPage();
    const projects = await scratch.db.query<Array<{ name: string }>>(
      'SELECT name FROM projects ORDER BY featured DESC, sort_order, id',
    );
    await expect(page.locator('.card h3').allTextContents()).resolves.toEqual(
      projects.map((p) => p.name),
    );

    await page.locator('.skill-group').first().waitFor();
    const categories = await scratch.db.query<Array<{ category: string }>>(
      'SELECT DISTINCT category FROM skills ORDER BY category',
    );
    await expect(page.locator('.skill-group h3').allTextContents()).resolves.toEqual(
      categories.map((c) => c.category),
    );
    const skills = await scratch.db.query<unknown[]>('SELECT id FROM skills');
    await expect(page.locator('.skill-name').count()).resolves.toBe(skills.length);

    await page.locator('.stats[data-state="ready"]').waitFor();
    await expect(page.locator('[data-stat="projects"]').textContent()).resolves.toBe(
      String(projects.length),
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the server's validation errors inline and stores nothing", async () => {
    const { page } = await openPage();
    const before = await contactCount();
    await page.getByLabel('Name').fill('Ann');
    await page.getByLabel('Email').fill('not-an-address');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.waitForFunction(
      () => document.getElementById('contact-email-error')!.textContent !== '',
    );
    await expect(page.locator('#contact-email-error').textContent()).resolves.toMatch(
      /valid email/,
    );
    await expect(page.locator('#contact-name-error').textContent()).resolves.toBe('');
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await contactCount()).toBe(before);
    await page.close();
  });

  it('submits the form, stores the message exactly as typed, and shows markup as text', async () => {
    const { page, problems } = await openPage();
    const name = 'Eve <img src=x onerror="window.__pwned=1">';
    const message = '<script>window.__pwned = 2</script>\nPlease reply & thanks <b>a lot</b>';
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill('eve@example.com');
    await page.getByLabel('Message').fill(message);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.locator('[data-form-status] .echo').waitFor();

    const id = Number(await page.locator('#contact-form').getAttribute('data-sent-id'));
    const rows = await scratch.db.query<Array<{ name: string; email: string; message: string }>>(
      'SELECT name, email, message FROM contacts WHERE id = ?',
      [id],
    );
    expect(rows).toEqual([{ name, email: 'eve@example.com', message }]);

    await expect(page.locator('[data-form-status] .echo').textContent()).resolves.toBe(message);
    await expect(
      page
        .locator('[data-form-status] script, [data-form-status] img, [data-form-status] b')
        .count(),
    ).resolves.toBe(0);
    await expect(
      page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined();
    await expect(page.getByLabel('Message').inputValue()).resolves.toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is usable from the keyboard: a skip link first, every control labelled', async () => {
    const { page } = await openPage();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(
      'Skip to content',
    );
    const unlabelled = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('input, textarea, button')).filter((el) => {
          const id = el.getAttribute('id');
          const label = id ? document.querySelector(`label[for="${id}"]`) : null;
          return !label && !(el.textContent ?? '').trim() && !el.getAttribute('aria-label');
        }).length,
    );
    expect(unlabelled).toBe(0);
    await expect(page.locator('main').count()).resolves.toBe(1);
    await page.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const { page } = await openPage({ width: 375, height: 740 });
    await page.locator('.skill-group').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });
});
