import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateText, ROOT, SEED_TEXT } from '../core/helpers';

/** The largest diagram fixture: six zones, four subnet groups, twenty tiers. */
export const SIX_ZONES_FILE = join(ROOT, 'generator/test/fixtures/diagram/six-zones/topology.yaml');

/** The seed and the largest fixture, generated. */
export function diagramCases() {
  return [
    { name: 'seed', generated: generateText(SEED_TEXT) },
    {
      name: 'six-zones',
      generated: generateText(
        readFileSync(SIX_ZONES_FILE, 'utf8'),
        'generator/test/fixtures/diagram/six-zones/topology.yaml',
      ),
    },
  ];
}

/** A rectangle. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Pairs of rectangles that overlap (touching edges do not count). */
export function overlapping<T extends Rect>(rects: T[]): Array<[T, T]> {
  const out: Array<[T, T]> = [];
  for (let i = 0; i < rects.length; i++)
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i];
      const b = rects[j];
      if (
        a.x < b.x + b.w - 0.5 &&
        b.x < a.x + a.w - 0.5 &&
        a.y < b.y + b.h - 0.5 &&
        b.y < a.y + a.h - 0.5
      )
        out.push([a, b]);
    }
  return out;
}
