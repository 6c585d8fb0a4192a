// Saves the README's picture of the local Slack channel after approval:
//   npx tsx local/slack-page/capture-screenshot.ts docs/local-slack.png
// (Emoji need a color emoji font, e.g. Debian's fonts-noto-color-emoji; the page works without one.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalStack } from '../stack/LocalStack';
import { LOCAL_NAMES } from '../stack/local-names';
import { uploadSamples } from '../stack/sample-objects';
import { launchChromium } from './launch-chromium';

async function capture(target: string): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'macie-remediate-screenshot-'));
  const stack = await startLocalStack({ stateDir });
  const browser = await launchChromium();
  try {
    await uploadSamples(stack.s3, LOCAL_NAMES.sourceBucket);
    await stack.idle();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1100 }, deviceScaleFactor: 1 });
    await page.goto(stack.urls.slackPage);
    const review = page.locator('.message', { hasText: 'review needed' });
    await review.getByRole('button', { name: 'Remediate' }).click();
    await review.locator('dialog.confirm').getByRole('button', { name: 'Quarantine' }).click();
    await page.locator('.message', { hasText: /Quarantined by/ }).waitFor();
    await stack.idle();
    // No hover highlight in the picture.
    await page.mouse.move(0, 0);
    await page.screenshot({ path: target, fullPage: true });
    process.stdout.write(`saved ${target}\n`);
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

capture(resolve(process.argv[2] ?? 'docs/local-slack.png')).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
