import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's chromium (apt install chromium; .ci/run installs it): playwright-core never downloads a browser here. */
const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium for the channel page, quiet: no first-run, sync, component updates or background traffic. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export { launchChromium };
