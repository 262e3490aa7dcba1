import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import {
  CHROMIUM,
  CHROMIUM_FLAGS,
  describeWithChromium,
  hasChromium,
} from '../../../apps/shared/test/chromium';
import { diagramGraph } from '../../src/diagram/graph';
import { renderDiagram } from '../../src/diagram';
import { ROOT } from '../core/helpers';
import { diagramCases, overlapping, type Rect } from './helpers';

jest.setTimeout(60_000);

const RESULTS = join(ROOT, 'test-results');

let browser: Browser;
beforeAll(async () => {
  // Without Chromium the suite is skipped; apps/shared/test/chromium.test.ts fails once and says why.
  if (!hasChromium) return;
  mkdirSync(RESULTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

interface Drawn extends Rect {
  text: string;
}

describeWithChromium('out/diagram.svg in a browser', () => {
  for (const { name, generated } of diagramCases())
    it(`shows every tier, subnet group, zone and port of ${name} without overlaps`, async () => {
      const svg = renderDiagram(generated);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
        await page.locator('svg').screenshot({ path: join(RESULTS, `diagram-${name}.png`) });
        const measured = await page.evaluate(() => {
          const rect = (e: Element) => {
            const r = e.getBoundingClientRect();
            return { x: r.x, y: r.y, w: r.width, h: r.height, text: e.textContent ?? '' };
          };
          return {
            boxes: Array.from(document.querySelectorAll('rect.node')).map(rect),
            labels: Array.from(document.querySelectorAll('text')).map(rect),
          };
        });
        const texts = measured.labels.map((l: Drawn) => l.text).join('\n');
        const { model } = generated;
        const graph = diagramGraph(generated);
        for (const tier of model.tiers) expect(texts).toMatch(new RegExp(`^${tier.name} `, 'm'));
        for (const group of model.network.groups)
          expect(measured.labels.map((l: Drawn) => l.text)).toContain(group.name);
        for (const zone of model.network.zones) expect(texts).toContain(zone.name);
        for (const sg of model.securityGroups)
          for (const rule of sg.ingress) expect(texts).toContain(`${rule.fromPort} from `);
        for (const rule of graph.rules) expect(texts).toContain(rule.label);
        expect(measured.boxes.length).toBeGreaterThan(model.tiers.length);
        expect(overlapping<Drawn>(measured.boxes)).toEqual([]);
        expect(overlapping<Drawn>(measured.labels)).toEqual([]);
      } finally {
        await page.close();
      }
    });
});
