import { CHROMIUM, hasChromium } from './chromium';

it('Chromium is installed for the browser tests (apt-get install chromium)', () => {
  if (!hasChromium)
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser suites were skipped. Install Debian's package (apt-get install chromium) and run the tests again.`,
    );
  expect(hasChromium).toBe(true);
});
