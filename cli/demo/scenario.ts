import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { accountLabel } from '../../core/accounts/account-label';
import type { LedgerRecord } from '../../core/types/ledger';
import type { MacieFindingJson } from '../../local/macie/types';
import { renderEmoji } from '../../local/slack-page/emoji';
import type { LocalStack } from '../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../local/stack/local-names';
import {
  DROPPED_EVENT_SAMPLE,
  EXEMPT_SAMPLE,
  MEMBER_SAMPLE,
  SEALED_SAMPLE,
  SUPPRESSED_SAMPLE,
  sampleBytes,
  uploadSample,
  uploadSamples,
} from '../../local/stack/sample-objects';
import { terminalText } from '../render/terminal-text';
import { buttonsOf, headline, messageAbout, objectExists } from './checks';
import { runCommand } from './run-command';
import { CheckFailed, check, type DemoSteps } from './steps';

interface FindingRef {
  readonly id: string;
  readonly key: string;
}

interface DemoState {
  financial?: FindingRef;
  personal?: FindingRef;
  reviewTs?: string;
  member?: FindingRef;
  memberReviewTs?: string;
}

const FINANCIAL = 'SensitiveData:S3Object/Financial';
const PERSONAL = 'SensitiveData:S3Object/Personal';
const { sourceBucket: SOURCE, channel: CHANNEL, approver: ALICE, bystander: BOB, member: MEMBER } = LOCAL_NAMES;
const MEMBER_LABEL = accountLabel(MEMBER.account, MEMBER.name);

/** A value an earlier step found; steps after a failure are skipped, so a missing one is a bug in the demo. */
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new CheckFailed(`${what} is unknown: an earlier step did not record it`);
  return value;
}

const uri = (bucket: string, key: string) => `s3://${bucket}/${key}`;

/** A source bucket, and S3 signed as its account. */
interface Source {
  readonly bucket: string;
  readonly s3: S3Client;
}

const ownSource = (stack: LocalStack): Source => ({ bucket: SOURCE, s3: stack.s3 });

/** Where the ledger says the object is, checked against S3: gone from the source, present in quarantine. */
async function checkQuarantined(stack: LocalStack, record: LedgerRecord | undefined, actor: string, from: Source) {
  check(record?.state === 'QUARANTINED', `ledger: the finding is ${record?.state ?? 'missing'}, expected QUARANTINED`);
  const copy = need(record.quarantine, 'the quarantine location');
  const { key } = record.source;
  check(!(await objectExists(from.s3, from.bucket, key)), `${uri(from.bucket, key)} is still there`);
  check(await objectExists(stack.s3, copy.bucket, copy.key), `${uri(copy.bucket, copy.key)} is not in S3`);
  check(
    record.history.some((event) => event.actor === actor),
    `ledger: no event by ${actor} in the finding's history`,
  );
  return `S3: ${uri(from.bucket, key)} → ${uri(copy.bucket, copy.key)} (checked: gone / present)`;
}

/** Back in its bucket, the quarantined copy gone, the ledger RESTORED. */
async function checkRestored(stack: LocalStack, id: string, from: Source, copy: { bucket: string; key: string }) {
  const record = await stack.deps.ledger.get(id);
  check(record?.state === 'RESTORED', `ledger: ${record?.state ?? 'missing'}, expected RESTORED`);
  const { key } = record.source;
  check(await objectExists(from.s3, from.bucket, key), `${uri(from.bucket, key)} is not back`);
  check(!(await objectExists(stack.s3, copy.bucket, copy.key)), `${uri(copy.bucket, copy.key)} remains`);
  return `S3: ${uri(copy.bucket, copy.key)} → ${uri(from.bucket, key)} (checked)`;
}

/** The journal's witness: every S3 request on the member's bucket was signed with its account's credentials. */
function checkSignedAsMember(stack: LocalStack): string {
  const requests = stack.s3Signers.on(MEMBER.bucket);
  const others = [...new Set(requests.map((r) => r.account).filter((account) => account !== MEMBER.account))];
  check(requests.length > 0, `S3: no request on ${MEMBER.bucket} was journaled`);
  check(others.length === 0, `S3: requests on ${MEMBER.bucket} were signed by ${others.join(', ')}`);
  return `S3: all ${requests.length} requests on ${uri(MEMBER.bucket, '')} were signed by account ${MEMBER.account} (its member role ${LOCAL_NAMES.memberRoleName})`;
}

/**
 * The finding as the local Security Hub holds it: the workflow status the decision set, and its note, read from
 * the stand-in. A security team reads Security Hub, not Slack; both must say the same.
 */
function checkSecurityHub(stack: LocalStack, findingId: string, status: 'RESOLVED' | 'SUPPRESSED' | 'NOTIFIED') {
  const finding = stack.securityHub.forMacieFinding(findingId);
  check(finding !== undefined, `Security Hub: holds no finding ${findingId}`);
  const seen = finding.Workflow.Status;
  check(seen === status, `Security Hub: the workflow status is ${seen}, expected ${status}`);
  // The note quotes object keys: anyone's text (terminal-text.ts).
  return `Security Hub: ${seen} — ${terminalText(finding.Note?.Text ?? '(no note)')}`;
}

/** The finding's Slack message, with the headline and buttons expected. */
function checkMessage(stack: LocalStack, findingId: string, title: string, buttons: readonly string[]) {
  const message = messageAbout(stack.slack, CHANNEL.id, findingId);
  check(message !== undefined, `Slack: no message about finding ${findingId} in #${CHANNEL.name}`);
  const seen = { title: renderEmoji(headline(message)), buttons: buttonsOf(message) };
  check(seen.title.includes(title), `Slack: the message reads "${seen.title}", expected "${title}"`);
  check(
    buttons.every((b) => seen.buttons.includes(b)),
    `Slack: buttons [${seen.buttons.join(', ')}], expected [${buttons.join(', ')}]`,
  );
  const shown = seen.buttons.length > 0 ? ` [${seen.buttons.join('] [')}]` : '';
  return { message, line: `Slack #${CHANNEL.name}: "${seen.title}"${shown}` };
}

/** One sensitive-data finding of `type` among those Macie made. */
function pick(found: readonly MacieFindingJson[], type: string, where = 'Macie made'): FindingRef {
  const matches = found.filter((f) => f.type === type);
  check(matches.length === 1, `expected one ${type} finding, ${where} ${matches.length}`);
  const [finding] = matches;
  const key = finding?.resourcesAffected?.s3Object?.key;
  check(finding?.id !== undefined && key !== undefined && key !== null, `the ${type} finding names no object`);
  return { id: finding.id, key };
}

/** The one finding Macie made on `key` in the own bucket that is not `except`. */
function findingOn(stack: LocalStack, key: string, except?: string): MacieFindingJson {
  const found = stack.macie
    .all()
    .filter((f) => f.resourcesAffected?.s3Object?.key === key && f.accountId !== MEMBER.account && f.id !== except);
  check(found.length === 1, `expected one new finding on ${uri(SOURCE, key)}, Macie has ${found.length}`);
  return found[0] as MacieFindingJson;
}

/**
 * The demo on a running local stack, each step checked against real state (S3, the ledger, the Slack
 * channel): samples uploaded, Macie's findings published, Financial quarantined automatically, Personal posted
 * for review, a member account's file posted for review, a bystander's click refused, the approver's click
 * quarantining Personal, then a restore; the member's file approved into the central quarantine and restored,
 * each of its bucket's S3 requests signed as the member; the approver seals a file in place instead ("Seal
 * instead") and restores it to the same bytes; a file under the exempt prefix is let be. Then the loop closes: a finding whose event was lost
 * is quarantined by the reconciler, Macie's re-scan of the restored bytes moves nothing, and "Dismiss and
 * suppress similar" shows in Security Hub and as a Macie findings filter.
 * With `stopAtReview` it stops once the reviews are posted, for a person to click in the browser.
 */
async function runDemo(stack: LocalStack, steps: DemoSteps, options: { stopAtReview?: boolean } = {}): Promise<void> {
  // What the finding handler answered per finding of this run (a reused state dir holds older ones).
  const handled = new Map<string, string>();
  const onDelivered = ({ event, result }: { event: { detail: MacieFindingJson }; result: unknown }) => {
    const { outcome, reason } = result as { outcome?: unknown; reason?: unknown };
    handled.set(event.detail.id ?? '', `${String(outcome)}${typeof reason === 'string' ? ` (${reason})` : ''}`);
  };
  stack.bus.on('delivered', onDelivered);
  try {
    await scenario(stack, steps, handled, options.stopAtReview ?? false);
  } finally {
    stack.bus.off('delivered', onDelivered);
  }
}

async function scenario(
  stack: LocalStack,
  steps: DemoSteps,
  handled: ReadonlyMap<string, string>,
  stopAtReview: boolean,
): Promise<void> {
  const state: DemoState = {};
  const ledger = (id: string) => stack.deps.ledger.get(id);

  await steps.step('Uploaded the two sample files', async () => {
    const uploaded = await uploadSamples(stack.s3, SOURCE);
    for (const { key, eTag } of uploaded) check(eTag !== '', `S3 answered no ETag for ${uri(SOURCE, key)}`);
    return uploaded.map(({ key, eTag }) => `${uri(SOURCE, key)} (ETag ${eTag})`);
  });

  await steps.step("Macie's discovery found sensitive data in both; EventBridge delivered the findings", async () => {
    await stack.idle();
    const found = stack.macie.all().filter((finding) => handled.has(finding.id ?? ''));
    state.financial = pick(found, FINANCIAL);
    state.personal = pick(found, PERSONAL);
    const line = (type: string, ref: FindingRef) =>
      `${type} on ${ref.key}: finding ${ref.id} → finding handler: ${handled.get(ref.id)}`;
    return [line(FINANCIAL, state.financial), line(PERSONAL, state.personal)];
  });

  await steps.step('The Financial finding was quarantined automatically (policy AUTO)', async () => {
    const { id } = need(state.financial, 'the Financial finding');
    const moved = await checkQuarantined(stack, await ledger(id), 'auto', ownSource(stack));
    const { line } = checkMessage(stack, id, 'Quarantined automatically', ['Restore']);
    return [moved, 'ledger: QUARANTINED by auto', line, checkSecurityHub(stack, id, 'RESOLVED')];
  });

  await steps.step(`The Personal finding was posted to #${CHANNEL.name} for review (policy REVIEW)`, async () => {
    const { id, key } = need(state.personal, 'the Personal finding');
    const record = await ledger(id);
    check(record?.state === 'AWAITING_REVIEW', `ledger: ${record?.state ?? 'missing'}, expected AWAITING_REVIEW`);
    check(await objectExists(stack.s3, SOURCE, key), `${uri(SOURCE, key)} moved before anyone approved`);
    const { message, line } = checkMessage(stack, id, 'review needed', ['Remediate', 'Dismiss']);
    state.reviewTs = message.ts;
    return [line, `S3: ${uri(SOURCE, key)} untouched`, 'ledger: AWAITING_REVIEW'];
  });

  const member: Source = { bucket: MEMBER.bucket, s3: stack.member.s3 };
  await steps.step(`A file in the member account ${MEMBER_LABEL} was found and posted for review`, async () => {
    const { key, eTag } = await uploadSample(member.s3, member.bucket, MEMBER_SAMPLE);
    await stack.idle();
    const found = stack.macie.all().filter((f) => handled.has(f.id ?? '') && f.accountId === MEMBER.account);
    state.member = pick(found, PERSONAL, `account ${MEMBER.account} has`);
    const { id } = state.member;
    const record = await ledger(id);
    check(record?.state === 'AWAITING_REVIEW', `ledger: ${record?.state ?? 'missing'}, expected AWAITING_REVIEW`);
    check(await objectExists(member.s3, member.bucket, key), `${uri(member.bucket, key)} moved before anyone approved`);
    const { message, line } = checkMessage(stack, id, 'review needed', ['Remediate', 'Dismiss']);
    const named = JSON.stringify(message.blocks).includes(MEMBER_LABEL);
    check(named, `Slack: the review message does not name the account as "${MEMBER_LABEL}"`);
    state.memberReviewTs = message.ts;
    return [
      `${uri(member.bucket, key)} (ETag ${eTag}), uploaded with the member role's credentials`,
      `${PERSONAL}: finding ${id} in account ${MEMBER.account} → finding handler: ${handled.get(id)}`,
      `${line}, naming ${MEMBER_LABEL}`,
    ];
  });
  if (stopAtReview) return;

  const click = (userId: string, buttonText: string, review = state.reviewTs) =>
    clickThrough(stack, { ts: need(review, 'the review message'), buttonText, userId });

  await steps.step(`${BOB.name} clicked Remediate: refused, not an approver`, async () => {
    const { id, key } = need(state.personal, 'the Personal finding');
    await click(BOB.id, 'Remediate');
    const told = stack.slack.ephemerals({ channel: CHANNEL.id, user: BOB.id }).at(-1)?.text ?? '';
    check(told.includes('not authorized'), `Slack: ${BOB.name} was not told "not authorized" (last: "${told}")`);
    const record = await ledger(id);
    check(record?.state === 'AWAITING_REVIEW', `ledger: ${record?.state ?? 'missing'} after a refused click`);
    check(await objectExists(stack.s3, SOURCE, key), `${uri(SOURCE, key)} moved on a refused click`);
    return [`Slack, only to ${BOB.name}: "${told}"`, 'nothing moved'];
  });

  await steps.step(`${ALICE.name} approved: clicked Remediate; the object was quarantined`, async () => {
    const { id } = need(state.personal, 'the Personal finding');
    await click(ALICE.id, 'Remediate');
    const moved = await checkQuarantined(stack, await ledger(id), `slack:${ALICE.id}`, ownSource(stack));
    const { line } = checkMessage(stack, id, 'Quarantined', ['Restore']);
    const signed = `signed click → ${stack.urls.remediationApi}/slack/actions (200)`;
    return [signed, moved, `ledger: QUARANTINED by slack:${ALICE.id}`, line, checkSecurityHub(stack, id, 'RESOLVED')];
  });

  await steps.step(`${ALICE.name} clicked Restore; the object is back where it was`, async () => {
    const { id } = need(state.personal, 'the Personal finding');
    const before = need((await ledger(id))?.quarantine, 'the quarantine location');
    await click(ALICE.id, 'Restore');
    const back = await checkRestored(stack, id, ownSource(stack), before);
    const { line } = checkMessage(stack, id, 'Restored', []);
    return [back, 'ledger: RESTORED', line, checkSecurityHub(stack, id, 'NOTIFIED')];
  });

  await steps.step(`${ALICE.name} approved the ${MEMBER.name} file: moved into the central quarantine`, async () => {
    const { id } = need(state.member, "the member account's finding");
    await click(ALICE.id, 'Remediate', state.memberReviewTs);
    const moved = await checkQuarantined(stack, await ledger(id), `slack:${ALICE.id}`, member);
    const { line } = checkMessage(stack, id, 'Quarantined', ['Restore']);
    return [moved, `ledger: QUARANTINED by slack:${ALICE.id}`, line, checkSecurityHub(stack, id, 'RESOLVED')];
  });

  await steps.step(`${ALICE.name} restored the ${MEMBER.name} file into its account's bucket`, async () => {
    const { id } = need(state.member, "the member account's finding");
    const before = need((await ledger(id))?.quarantine, 'the quarantine location');
    await click(ALICE.id, 'Restore', state.memberReviewTs);
    const back = await checkRestored(stack, id, member, before);
    const { line } = checkMessage(stack, id, 'Restored', []);
    return [back, 'ledger: RESTORED', line, checkSecurityHub(stack, id, 'NOTIFIED'), checkSignedAsMember(stack)];
  });
  // Before the loop closes: its "Dismiss and suppress similar" archives the bucket's later Personal findings.
  await gentlerAnswers(stack, steps, handled);
  await closeTheLoop(stack, steps, handled, state);
}

/** What the event path alone cannot do: a lost event, a re-scan of restored bytes, a dismissal Macie remembers. */
async function closeTheLoop(
  stack: LocalStack,
  steps: DemoSteps,
  handled: ReadonlyMap<string, string>,
  state: DemoState,
): Promise<void> {
  const ledger = (id: string) => stack.deps.ledger.get(id);

  await steps.step("EventBridge dropped a Financial finding's event; the reconciler quarantined the file", async () => {
    stack.bus.dropNext();
    const { key, eTag } = await uploadSample(stack.s3, SOURCE, DROPPED_EVENT_SAMPLE);
    await stack.idle();
    const id = findingOn(stack, key).id ?? '';
    check(!handled.has(id), `EventBridge delivered finding ${id} after all`);
    check((await ledger(id)) === undefined, `ledger: finding ${id} is recorded before the reconciler ran`);
    const report = await stack.reconcile();
    await stack.idle();
    check(report.complete, 'the reconciler did not complete its run');
    const moved = await checkQuarantined(stack, await ledger(id), 'auto', ownSource(stack));
    const { line } = checkMessage(stack, id, 'Quarantined automatically', ['Restore']);
    return [
      `${uri(SOURCE, key)} (ETag ${eTag}): finding ${id} in Macie, its event dropped; ledger: no record`,
      `reconciler (local reconcile): ${report.fresh} new finding(s) among those Macie updated since its watermark`,
      moved,
      line,
      checkSecurityHub(stack, id, 'RESOLVED'),
    ];
  });

  await steps.step('Macie re-scanned the restored Personal file, unchanged (same ETag): nothing moved', async () => {
    const restored = need(state.personal, 'the Personal finding');
    await stack.rescan(SOURCE, restored.key);
    await stack.idle();
    const rescan = findingOn(stack, restored.key, restored.id);
    const id = rescan.id ?? '';
    const eTag = rescan.resourcesAffected?.s3Object?.eTag ?? '';
    const answer = handled.get(id) ?? '(not delivered)';
    check(answer.startsWith(`IGNORED (restored by @${ALICE.id} on `), `finding handler: ${answer}`);
    check(await objectExists(stack.s3, SOURCE, restored.key), `${uri(SOURCE, restored.key)} moved`);
    check(messageAbout(stack.slack, CHANNEL.id, id) === undefined, `Slack: a message about finding ${id}`);
    return [
      `finding ${id} on ${uri(SOURCE, restored.key)} (ETag ${eTag}) → finding handler: ${answer}`,
      `S3: ${uri(SOURCE, restored.key)} untouched; Slack: nothing posted (the restore's message says who)`,
    ];
  });

  await steps.step(`${ALICE.name} clicked Dismiss and suppress similar: Macie archives the like`, async () => {
    const { key } = await uploadSample(stack.s3, SOURCE, SUPPRESSED_SAMPLE);
    await stack.idle();
    const id = findingOn(stack, key).id ?? '';
    const review = checkMessage(stack, id, 'review needed', ['Dismiss and suppress similar']).message;
    await clickThrough(stack, { ts: review.ts, buttonText: 'Dismiss and suppress similar', userId: ALICE.id });
    const record = await ledger(id);
    check(record?.state === 'DISMISSED', `ledger: ${record?.state ?? 'missing'}, expected DISMISSED`);
    const byAlice = record.history.some((event) => event.actor === `slack:${ALICE.id}`);
    check(byAlice, `ledger: no event by slack:${ALICE.id} in the finding's history`);
    check(await objectExists(stack.s3, SOURCE, key), `${uri(SOURCE, key)} moved on a dismissal`);
    const { message, line } = checkMessage(stack, id, 'Dismissed', []);
    check(JSON.stringify(message.blocks).includes('Suppressed'), 'Slack: the message does not say it suppressed');
    const filters: string[] = [];
    for await (const filter of stack.suppressions.list()) filters.push(`${filter.name}: ${filter.description ?? ''}`);
    check(filters.length === 1, `Macie: ${filters.length} findings filter(s) of ours, expected 1`);
    await stack.rescan(SOURCE, key);
    await stack.idle();
    const next = findingOn(stack, key, id);
    check(next.archived === true, `Macie: the next finding on ${uri(SOURCE, key)} is not archived`);
    check(!handled.has(next.id ?? ''), `EventBridge delivered the archived finding ${next.id}`);
    return [
      `${uri(SOURCE, key)}: finding ${id} dismissed; the object stays`,
      `ledger: DISMISSED by slack:${ALICE.id}`,
      line,
      checkSecurityHub(stack, id, 'SUPPRESSED'),
      `Macie findings filter (ARCHIVE) ${terminalText(filters[0] ?? '')}`,
      `Macie re-scanned the file: finding ${next.id} archived at once, no event, no message`,
    ];
  });
}

/** The seal marker's field naming the finding (core/quarantine/seal-marker.ts), as HeadObject shows it. */
const SEAL_MARKER = 'macie-remediate-sealed';

/** `list quarantined --json`, run as a user would against the stack: the finding's row. */
async function listedQuarantined(stack: LocalStack, findingId: string): Promise<{ action?: string } | undefined> {
  const listed = await runCommand(stack, ['list', 'quarantined', '--json']);
  check(listed.code === 0, `list quarantined exited ${listed.code}: ${listed.stderr.trim()}`);
  const rows = JSON.parse(listed.stdout) as { findingId: string; action?: string }[];
  return rows.find((row) => row.findingId === findingId);
}

/**
 * The actions besides quarantine: a reviewer seals a file in place (it stays at its key, re-encrypted with
 * the quarantine key and marked) and restores it to the same bytes; a file under an exempt prefix is let be.
 */
async function gentlerAnswers(stack: LocalStack, steps: DemoSteps, handled: ReadonlyMap<string, string>) {
  const ledger = (id: string) => stack.deps.ledger.get(id);
  const head = (key: string) => stack.s3.send(new HeadObjectCommand({ Bucket: SOURCE, Key: key }));
  let sealed: { id: string; ts: string } | undefined;

  await steps.step(
    `${ALICE.name} clicked Seal instead: the file stays at its key, sealed with the quarantine key`,
    async () => {
      const { key } = await uploadSample(stack.s3, SOURCE, SEALED_SAMPLE);
      await stack.idle();
      const id = findingOn(stack, key).id ?? '';
      const review = checkMessage(stack, id, 'review needed', ['Remediate', 'Seal instead']).message;
      await clickThrough(stack, { ts: review.ts, buttonText: 'Seal instead', userId: ALICE.id });
      const record = await ledger(id);
      check(record?.state === 'QUARANTINED', `ledger: ${record?.state ?? 'missing'}, expected QUARANTINED`);
      check(record.remediation === 'SEAL', `ledger: the action is ${record.remediation ?? 'unset'}, expected SEAL`);
      check(
        record.history.some((event) => event.actor === `slack:${ALICE.id}` && event.action === 'sealed'),
        `ledger: no "sealed" event by slack:${ALICE.id} in the finding's history`,
      );
      const object = await head(key);
      const { ServerSideEncryption: sse, SSEKMSKeyId: kmsKey, Metadata: metadata = {} } = object;
      check(
        sse === 'aws:kms' && kmsKey === LOCAL_NAMES.quarantineKeyArn,
        `S3: ${uri(SOURCE, key)} is encrypted ${sse ?? 'not at all'} (${kmsKey ?? 'no key'}), expected aws:kms with ${LOCAL_NAMES.quarantineKeyArn}`,
      );
      check(metadata[SEAL_MARKER] === id, `S3: ${uri(SOURCE, key)} carries no seal marker of finding ${id}`);
      const { line } = checkMessage(stack, id, 'Sealed in place', ['Restore']);
      const row = await listedQuarantined(stack, id);
      check(row?.action === 'SEAL', `list quarantined: ${row ? `action ${row.action}` : 'no row'} for finding ${id}`);
      sealed = { id, ts: review.ts };
      return [
        `${uri(SOURCE, key)}: finding ${id} → finding handler: ${handled.get(id)}`,
        `S3 HeadObject: still at its key, ${sse} with ${kmsKey}, ${SEAL_MARKER}=${id}`,
        `ledger: QUARANTINED (action SEAL) by slack:${ALICE.id}`,
        line,
        checkSecurityHub(stack, id, 'RESOLVED'),
        `list quarantined: finding ${id}, action SEAL`,
      ];
    },
  );

  await steps.step(`${ALICE.name} clicked Restore on the sealed file: unsealed, the same bytes`, async () => {
    const { id, ts } = need(sealed, 'the sealed finding');
    await clickThrough(stack, { ts, buttonText: 'Restore', userId: ALICE.id });
    const record = await ledger(id);
    check(record?.state === 'RESTORED', `ledger: ${record?.state ?? 'missing'}, expected RESTORED`);
    const { key } = record.source;
    const object = await head(key);
    check(object.ServerSideEncryption === undefined, `S3: ${uri(SOURCE, key)} is still ${object.ServerSideEncryption}`);
    check(object.Metadata?.[SEAL_MARKER] === undefined, `S3: ${uri(SOURCE, key)} still carries the seal marker`);
    const read = await stack.s3.send(new GetObjectCommand({ Bucket: SOURCE, Key: key }));
    const bytes = Buffer.from((await read.Body?.transformToByteArray()) ?? []);
    check(bytes.equals(sampleBytes(SEALED_SAMPLE)), `S3: ${uri(SOURCE, key)} reads other bytes than were uploaded`);
    const { line } = checkMessage(stack, id, 'Restored', []);
    return [
      `S3: ${uri(SOURCE, key)} unsealed: encrypted as before (not at all), no marker, ${bytes.length} bytes identical to the upload`,
      'ledger: RESTORED',
      line,
      checkSecurityHub(stack, id, 'NOTIFIED'),
    ];
  });

  await steps.step(`A file under the exempt prefix ${LOCAL_NAMES.exemptPrefix} was found and let be`, async () => {
    const { key, eTag } = await uploadSample(stack.s3, SOURCE, EXEMPT_SAMPLE);
    await stack.idle();
    const id = findingOn(stack, key).id ?? '';
    const answer = handled.get(id) ?? '(not delivered)';
    check(answer.startsWith('IGNORED (the object is under the exempt prefix'), `finding handler: ${answer}`);
    const record = await ledger(id);
    check(record?.state === 'IGNORED', `ledger: ${record?.state ?? 'missing'}, expected IGNORED`);
    check(record.history[0]?.action === 'exempted', `ledger: the first event is ${record.history[0]?.action}`);
    check((await head(key)).ETag === eTag, `S3: ${uri(SOURCE, key)} changed`);
    check(messageAbout(stack.slack, CHANNEL.id, id) === undefined, `Slack: a message about finding ${id}`);
    return [
      `finding ${id} on ${uri(SOURCE, key)} → finding handler: ${answer}`,
      'ledger: IGNORED, its event "exempted"; S3: untouched; Slack: nothing posted',
    ];
  });
}

/**
 * A person's click on a message's button, as far as it goes: an action in reasonRequired (dismiss, restore by
 * default) opens a modal, where the person types why and submits.
 */
async function clickThrough(
  stack: LocalStack,
  click: { readonly ts: string; readonly buttonText: string; readonly userId: string },
): Promise<void> {
  const sent = await stack.slack.clickButton(click);
  check(sent.status === 200, `the remediation API answered ${sent.status}: ${sent.body}`);
  if (stack.slack.views.opened().length > 0) {
    const submitted = await stack.slack.submitView({ text: `demo: ${click.buttonText.toLowerCase()} as planned` });
    check(submitted.closed, `the reason was refused: ${submitted.status} ${submitted.body}`);
  }
  await stack.idle();
}

export { runDemo };
