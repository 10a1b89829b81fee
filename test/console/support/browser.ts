import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: no browser is ever downloaded. `.ci/run` installs the `chromium` package when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/**
 * Headless Chromium with a fresh temporary profile (Playwright gives each launch its own
 * `--user-data-dir`) and none of its background traffic: no sandbox (containers), no GPU, no QUIC,
 * no first-run, sync, component updates or background networking.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=fr-FR'],
  });

/** A browser context as a French agent's: its language, Paris time, a laptop's screen unless told. */
export const newPage = async (browser: Browser, { width = 1280, height = 900 } = {}): Promise<Page> => {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width, height } });
  // Every Content-Security-Policy violation of the console's pages, collected for the tests to check.
  await context.addInitScript({
    content: `window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));`,
  });
  return context.newPage();
};

export const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations);
