import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { objectExists } from '../../cli/demo/checks';
import { launchChromium } from '../../local/slack-page/launch-chromium';
import { type LocalStack, startLocalStack } from '../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../local/stack/local-names';
import { SAMPLE_OBJECTS, SUPPRESSED_SAMPLE, uploadSample, uploadSamples } from '../../local/stack/sample-objects';

const { sourceBucket, quarantineBucket } = LOCAL_NAMES;

/**
 * A person at the local Slack page in headless Chromium (Debian's, no browser download): the review
 * message arrives live, bob's click is refused and told only to him, alice's click and confirmation
 * quarantine the object, and the message changes in place. Dismiss asks why in a modal, as Slack would.
 */
describe('The local Slack channel page in a browser', () => {
  let stateDir: string;
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'slack-page-e2e-'));
    stack = await startLocalStack({ stateDir });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('shows the review live, refuses bob, and quarantines on alice’s confirmed click', async () => {
    // Prepare: the page is open before anything happens
    await page.goto(stack.urls.slackPage);
    await page.locator('#connection', { hasText: 'live' }).waitFor();
    await uploadSamples(stack.s3, sourceBucket);
    await stack.idle();
    const review = page.locator('.message', { hasText: 'Sensitive data found: review needed' });
    const remediate = review.getByRole('button', { name: 'Remediate' });
    // The open one: each of the review's action buttons (Seal instead, Tag instead…) has its own confirmation.
    const dialog = review.locator('dialog.confirm[open]');
    const personal = stack.macie.all().find((f) => f.type === 'SensitiveData:S3Object/Personal');
    const findingId = personal?.id ?? '';

    // Act & Assess: the review arrived without a reload; Cancel sends nothing (had it sent alice's click, the
    // finding would no longer await review below)
    await remediate.waitFor();
    await remediate.click();
    await dialog.locator('h2').waitFor();
    expect(await dialog.locator('h2').textContent()).toBe('Quarantine this object?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.isVisible()).toBe(false);

    // Act & Assess: bob clicks and confirms; only bob is told he may not
    await page.selectOption('#viewer', 'U0BOB00001');
    await remediate.click();
    await dialog.getByRole('button', { name: 'Quarantine' }).click();
    const refusal = page.locator('.ephemeral', { hasText: 'not authorized' });
    await refusal.waitFor();
    await stack.idle();
    expect((await stack.deps.ledger.get(findingId))?.state).toBe('AWAITING_REVIEW');
    expect(stack.slack.ephemerals().map((e) => e.user)).toEqual(['U0BOB00001']);
    await page.selectOption('#viewer', 'U0ALICE001');
    expect(await refusal.isHidden()).toBe(true);

    // Act: alice clicks Remediate and confirms
    await remediate.click();
    await dialog.getByRole('button', { name: 'Quarantine' }).click();
    const quarantined = page.locator('.message', { hasText: 'Quarantined by @alice' });
    await quarantined.waitFor();
    await stack.idle();

    // Assess: the same message changed in place, and S3 agrees with it
    const record = await stack.deps.ledger.get(findingId);
    expect(record?.state).toBe('QUARANTINED');
    expect(await quarantined.getAttribute('data-ts')).toBe(record?.slack?.ts);
    expect(await quarantined.getByRole('button', { name: 'Restore' }).isVisible()).toBe(true);
    expect(await quarantined.getByRole('button', { name: 'Remediate' }).count()).toBe(0);
    expect(await quarantined.locator('.edited').textContent()).toBe('(edited)');
    expect(await page.locator('.message', { hasText: 'review needed' }).count()).toBe(0);
    expect(await objectExists(stack.s3, sourceBucket, SAMPLE_OBJECTS.personal.key)).toBe(false);
    expect(await objectExists(stack.s3, quarantineBucket, record?.quarantine?.key ?? '')).toBe(true);
  });

  it('asks why in a modal on Dismiss: a blank reason is refused in place, a typed one is kept and shown', async () => {
    // Prepare: another personal-data file awaits review (dismiss needs a reason by default)
    await page.selectOption('#viewer', 'U0ALICE001');
    await uploadSample(stack.s3, sourceBucket, SUPPRESSED_SAMPLE);
    await stack.idle();
    const finding = stack.macie.all().find((f) => f.resourcesAffected?.s3Object?.key === SUPPRESSED_SAMPLE.key);
    const findingId = finding?.id ?? '';
    const review = page.locator('.message', { hasText: SUPPRESSED_SAMPLE.key }).filter({ hasText: 'review needed' });
    const modal = page.locator('dialog.modal');
    const reason = modal.getByLabel(`Why dismiss finding ${findingId}?`);

    // Act: alice clicks Dismiss; the modal Slack would show opens
    await review.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await modal.locator('h2').waitFor();

    // Assess: title, the input's label, a multiline box, Cancel and Submit
    expect(await modal.locator('h2').textContent()).toBe('Dismiss: why?');
    expect(await reason.evaluate((field) => field.tagName)).toBe('TEXTAREA');
    expect(await modal.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);

    // Act & Assess: a blank reason is answered with the error under the input; the modal stays and nothing changes
    await reason.fill('   ');
    await modal.getByRole('button', { name: 'Dismiss' }).click();
    const error = modal.locator('.input-error');
    await error.filter({ hasText: 'a reason is required' }).waitFor();
    expect(await modal.isVisible()).toBe(true);
    await stack.idle();
    expect((await stack.deps.ledger.get(findingId))?.state).toBe('AWAITING_REVIEW');

    // Act: she types why and submits
    await reason.fill('Test data <b>only</b>, ticket SEC-42');
    await modal.getByRole('button', { name: 'Dismiss' }).click();
    const dismissed = page.locator('.message', { hasText: 'Dismissed by @alice' }).filter({ hasText: 'SEC-42' });
    await dismissed.waitFor();
    await modal.waitFor({ state: 'detached' });
    await stack.idle();

    // Assess: the modal closed, the ledger keeps her words, and the message says them (as text, not markup)
    const record = await stack.deps.ledger.get(findingId);
    expect(record?.state).toBe('DISMISSED');
    expect(record?.history).toContainEqual(
      expect.objectContaining({ actor: 'slack:U0ALICE001', reason: 'Test data <b>only</b>, ticket SEC-42' }),
    );
    expect(await dismissed.textContent()).toContain(': Test data <b>only</b>, ticket SEC-42');
    expect(await dismissed.getAttribute('data-ts')).toBe(record?.slack?.ts);
    expect(stack.slack.views.opened()).toEqual([]);
  });
});
