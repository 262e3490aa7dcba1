import { existsSync } from 'node:fs';

/** Debian's Chromium, which the browser tests drive through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium that makes no connection of its own on a closed network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether Chromium is installed; when not, `chromium.test.ts` fails once and says how to fix it. */
export const hasChromium = existsSync(CHROMIUM);

/**
 * `describe` for a suite that needs Chromium. Without it the suite is skipped rather than failing every
 * test: the single failing test in `chromium.test.ts` reports the missing browser once.
 */
export const describeWithChromium: jest.Describe = hasChromium ? describe : describe.skip;
