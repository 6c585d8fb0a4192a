import { ACTION_TO_DO } from '../../policy/remediation-action';
import { buildQuarantineKey } from '../../quarantine/quarantine-key';
import { CLASSIFICATION_TAG } from '../../remediation/remediation-actions';
import type { SuppressionOutcome } from '../../remediation/suppress-finding';
import type { RemediationResult } from '../../types/outcome';
import type { RemediationAction } from '../../types/policy';
import type { SlackMessage } from '../../types/ports';
import {
  composeMessage,
  dismissAndSuppressButton,
  dismissButton,
  exemptButton,
  type FindingView,
  isLedgerRecord,
  type MessageSubject,
  otherActionButtons,
  remediateButton,
  restoreButton,
  toFindingView,
} from './blocks';
import { codeSpan, escapeMrkdwn, formatActor, formatTime, s3Uri, truncate } from './text';

/** The four messages a finding's life posts or updates in Slack: review, progress, outcome, dismissed. */

interface ReviewMessageInput {
  readonly finding: MessageSubject;
  /** Where Remediate moves the object. */
  readonly quarantineBucket: string;
  /** What Remediate does (the policy's choice). @default QUARANTINE */
  readonly remediation?: RemediationAction;
  /** The policy's reason for asking a human (Decision.reason). */
  readonly reason?: string;
}

/** What Remediate does to the object, in the review message's words. */
function remediateText(remediation: RemediationAction, view: FindingView, quarantineBucket: string): string {
  switch (remediation) {
    case 'QUARANTINE': {
      const destination = s3Uri(quarantineBucket, buildQuarantineKey(view.id, view.bucket, view.key).key);
      return `*Remediate* moves the object to ${codeSpan(destination, 1500)} (a locked-down bucket; it can be restored).`;
    }
    case 'SEAL':
      return '*Remediate* seals the object in place: it stays at its key, re-encrypted with the quarantine key, so readers are refused (it can be restored).';
    case 'TAG':
      return `*Remediate* tags the object ${codeSpan(CLASSIFICATION_TAG, 100)} (severity, type, finding) for access policies to match; nothing moves (Restore removes the tag).`;
  }
}

/** REVIEW: a finding waiting for a human: Remediate (confirmed) with the policy's action, the other actions, Dismiss, Exempt. */
function buildReviewMessage(input: ReviewMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const remediation = input.remediation ?? 'QUARANTINE';
  const why = input.reason ? `\n_Why review:_ ${truncate(escapeMrkdwn(input.reason), 500)}` : '';
  return composeMessage({
    summary: `Sensitive data found (${view.severity}), review needed`,
    title: ':mag: Sensitive data found: review needed',
    view,
    note:
      `${remediateText(remediation, view, input.quarantineBucket)} The other buttons take another action instead. ` +
      '*Dismiss* leaves it where it is; *Dismiss and suppress similar* also has Macie archive ' +
      'later findings of this type in this bucket; *Exempt* tags the object as known and allowed, so its later ' +
      `findings are ignored. Every choice is recorded with your name.${why}`,
    buttons: [
      remediateButton(view, remediation, input.quarantineBucket),
      ...otherActionButtons(view, remediation, input.quarantineBucket),
      dismissButton(view),
      dismissAndSuppressButton(view),
      exemptButton(view),
    ],
  });
}

interface ProgressMessageInput {
  readonly finding: MessageSubject;
  /** `slack:U123`, `auto` or `cli:<user>`. */
  readonly actor: string;
  /** ISO-8601. */
  readonly at: string;
  readonly action: 'remediate' | 'restore';
  /** Why, in the asker's words (LedgerEvent.reason). */
  readonly statedReason?: string;
}

/** Shown the moment someone clicks: no buttons, so nobody clicks twice while the move runs. */
function buildProgressMessage(input: ProgressMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const remediation = isLedgerRecord(input.finding) ? input.finding.remediation : undefined;
  const what =
    input.action === 'restore'
      ? 'Restore'
      : `Remediation${remediation && remediation !== 'QUARANTINE' ? ` (${ACTION_TO_DO[remediation]})` : ''}`;
  return composeMessage({
    summary: `${what} in progress`,
    title: `:hourglass_flowing_sand: ${what} in progress`,
    view,
    status: `${what} in progress, started by ${formatActor(input.actor)} on ${formatTime(input.at)}${said(input.statedReason)}`,
  });
}

interface OutcomeMessageInput {
  readonly finding: MessageSubject;
  readonly result: RemediationResult;
  /** Which run produced the result: decides what FAILED and SOURCE_MISSING mean and which retry is offered. */
  readonly kind: 'remediate' | 'restore';
  /** Who asked for the run: `slack:U123`, `auto` (policy AUTO) or `cli:<user>`. */
  readonly actor: string;
  /** ISO-8601: when the run finished. */
  readonly at: string;
  /** Where a retried Remediate moves the object (shown in its confirm dialog). */
  readonly quarantineBucket?: string;
  /** Why, in the asker's words (LedgerEvent.reason): shown after who decided. */
  readonly statedReason?: string;
}

/** After "… by @alice on <time>": the asker's reason, or the sentence's end. */
const said = (statedReason: string | undefined): string =>
  statedReason ? `: ${truncate(escapeMrkdwn(statedReason), 1000)}` : '.';

const SAFE_NOTE = 'Nothing was lost: the object is readable in at least one place (where it was, or in quarantine).';

const reasonText = (result: RemediationResult): string =>
  result.reason ? ` (${truncate(escapeMrkdwn(result.reason), 1000)})` : '';

/**
 * The message after a run, for every outcome: QUARANTINED (actor `auto`: quarantined automatically) and
 * ALREADY_QUARANTINED offer Restore, FAILED offers the same action again, the rest end without buttons.
 */
function buildOutcomeMessage(input: OutcomeMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const { result, kind } = input;
  const by = `${formatActor(input.actor)} on ${formatTime(input.at)}`;
  const why = input.statedReason;
  const where = result.quarantine ? codeSpan(s3Uri(result.quarantine.bucket, result.quarantine.key), 1500) : undefined;
  const original = codeSpan(s3Uri(result.source.bucket, result.source.key), 1500);
  const message = (summary: string, emoji: string, status: string, buttons = false) =>
    composeMessage({
      summary,
      title: `${emoji} ${summary}`,
      view,
      status,
      ...(buttons && kind === 'remediate'
        ? { buttons: [remediateButton(view, result.action ?? 'QUARANTINE', input.quarantineBucket)] }
        : {}),
      ...(buttons && kind === 'restore' ? { buttons: [restoreButton(view)] } : {}),
    });
  const inQuarantine = (summary: string, status: string) =>
    composeMessage({ summary, title: `:lock: ${summary}`, view, status, buttons: [restoreButton(view)] });

  switch (result.outcome) {
    case 'QUARANTINED':
      return input.actor === 'auto'
        ? inQuarantine(
            'Quarantined automatically',
            `*Quarantined automatically* (policy: AUTO for this finding type) on ${formatTime(input.at)}.${where ? `\nThe object is now at ${where}.` : ''}`,
          )
        : inQuarantine(
            'Quarantined',
            `*Quarantined* by ${by}${said(why)}${where ? `\nThe object is now at ${where}.` : ''}`,
          );
    case 'SEALED':
      return inQuarantine(
        input.actor === 'auto' ? 'Sealed automatically' : 'Sealed in place',
        `${input.actor === 'auto' ? `*Sealed automatically* (policy: AUTO for this finding type) on ${formatTime(input.at)}.` : `*Sealed in place* by ${by}${said(why)}`}` +
          `\nThe object stays at ${original}, re-encrypted with the quarantine key: readers are refused.`,
      );
    case 'TAGGED':
      return inQuarantine(
        input.actor === 'auto' ? 'Tagged automatically' : 'Tagged',
        `${input.actor === 'auto' ? `*Tagged automatically* (policy: AUTO for this finding type) on ${formatTime(input.at)}.` : `*Tagged* by ${by}${said(why)}`}` +
          `\nThe object stays at ${original}${reasonText(result)}.`,
      );
    case 'EXEMPTED':
      return message(
        'Exempted',
        ':white_check_mark:',
        `*Exempted* by ${by}${said(why)}\nThe object stays at ${original}${reasonText(result)}; its later findings are ignored.`,
      );
    case 'ALREADY_QUARANTINED':
      return inQuarantine(
        'Already quarantined',
        `*Already in quarantine*${where ? ` at ${where}` : ''}; nothing else was moved (checked by ${by}).`,
      );
    case 'SOURCE_MISSING':
      return kind === 'restore'
        ? message(
            'No quarantined copy',
            ':grey_question:',
            `*Not restored:* the quarantined copy is missing${reasonText(result)}. Asked by ${by}.`,
          )
        : message(
            'Object no longer there',
            ':grey_question:',
            `*Nothing was moved:* the object is no longer at ${original}${reasonText(result)}. Checked by ${by}.`,
          );
    case 'STALE':
      return message(
        'Object changed since the scan',
        ':warning:',
        `*Nothing was moved:* the object changed after Macie scanned it${reasonText(result)}. Checked by ${by}.\n` +
          'Review the current version; the CLI can quarantine it anyway with `--force`.',
      );
    case 'RESTORED':
      return message(
        'Restored',
        ':leftwards_arrow_with_hook:',
        `*Restored* by ${by}${said(why)}\nThe object is back at ${original}.`,
      );
    case 'CONFLICT':
      return message(
        'Restore refused',
        ':warning:',
        `*Not restored:* an object now exists at ${original}${reasonText(result)}. Asked by ${by}.\n` +
          `The copy stays in quarantine${where ? ` at ${where}` : ''}; the CLI can overwrite with \`--force\`.`,
      );
    case 'FAILED': {
      const what = kind === 'restore' ? 'Restore failed' : 'Remediation failed';
      return message(what, ':x:', `*${what}*${reasonText(result)}. Asked by ${by}.\n${SAFE_NOTE}`, true);
    }
    case 'DISMISSED':
      return message(
        'Dismissed',
        ':white_check_mark:',
        `*Dismissed* by ${by}${said(why)}${why ? '\n' : ' '}The object stays where it is.`,
      );
    case 'NOTIFIED':
      return message('Sent for review', ':mag:', `*Sent for review*${reasonText(result)}.`);
    case 'IGNORED':
      return message('Ignored by policy', ':information_source:', `*Ignored by policy*${reasonText(result)}.`);
    case 'PENDING_APPROVAL':
      return inQuarantine(
        'Restore awaiting a second approval',
        `*Restore requested* by ${by} — 1 of 2 approvals; another approver must click *Restore*.`,
      );
    case 'HELD':
      // No Restore button: a held copy cannot be restored until someone releases it.
      return message(
        'On legal hold',
        ':lock:',
        `*On legal hold since ${formatTime(input.at)} by ${formatActor(input.actor)}*${said(why)}` +
          `${where ? `\nThe object is at ${where}.` : ''} Release the hold before restoring it.`,
      );
    case 'RELEASED':
      return inQuarantine(
        'Quarantined',
        `*Legal hold released* by ${by}${said(why)}${where ? `\nThe object is at ${where}.` : ''}`,
      );
    case 'PLANNED':
      return message('Planned', ':information_source:', `*Planned* (nothing moved yet)${reasonText(result)}.`);
  }
}

interface DismissedMessageInput {
  readonly finding: MessageSubject;
  readonly actor: string;
  /** ISO-8601. */
  readonly at: string;
  /** "Dismiss and suppress similar": what became of the Macie findings filter. */
  readonly suppression?: SuppressionOutcome;
  /** Why, in the dismisser's words (LedgerEvent.reason). */
  readonly statedReason?: string;
}

/** DISMISSED: the object stays; the message keeps who decided and when, and names the filter a suppression made. */
function buildDismissedMessage(input: DismissedMessageInput): SlackMessage {
  const view = toFindingView(input.finding);
  const message = buildOutcomeMessage({
    ...input,
    kind: 'remediate',
    result: {
      findingId: view.id,
      outcome: 'DISMISSED',
      source: { bucket: view.bucket, key: view.key },
    },
  });
  return input.suppression ? withSuppression(message, input.suppression) : message;
}

function suppressionText(suppression: SuppressionOutcome): string {
  const filter = codeSpan(suppression.name, 100);
  switch (suppression.status) {
    case 'created':
    case 'exists':
      return `:mute: *Suppressed:* Macie archives similar findings from now on (findings filter ${filter}).`;
    case 'quota-full':
      return `:warning: *Not suppressed:* the account already has Macie's 1,000 findings filters in this Region (${filter} was not created).`;
    case 'failed':
      return `:warning: *Not suppressed:* ${truncate(escapeMrkdwn(suppression.reason), 500)} (findings filter ${filter}).`;
  }
}

/** Adds one line under the status: the dismissal's message is built once, the suppression only adds to it. */
function withSuppression(message: SlackMessage, suppression: SuppressionOutcome): SlackMessage {
  const text = suppressionText(suppression);
  return {
    text: `${message.text} ${text}`,
    blocks: [...message.blocks, { type: 'context', elements: [{ type: 'mrkdwn', text }] }],
  };
}

export type { DismissedMessageInput, OutcomeMessageInput, ProgressMessageInput, ReviewMessageInput };
export { buildDismissedMessage, buildOutcomeMessage, buildProgressMessage, buildReviewMessage };
