/**
 * Block Kit for messages about a finding: what they show of it, the block constructors that keep to Slack's
 * limits, the buttons, and the one layout every message shares.
 */
import { accountLabel } from '../../accounts/account-label';
import { findingConsoleUrl } from '../../finding/finding-console-url';
import { accountAndRegion } from '../../finding/object-identity';
import { sensitiveDataSummary } from '../../finding/sensitive-data-summary';
import type { Finding, SensitiveDataCount } from '../../types/finding';
import type { LedgerRecord } from '../../types/ledger';
import type { RemediationAction } from '../../types/policy';
import type { SlackMessage } from '../../types/ports';
import { SLACK_ACTIONS, SLACK_BUTTON_TEXTS, type SlackActionId } from '../action-ids';
import { codeSpan, escapeMrkdwn, formatTime, SLACK_LIMITS, s3Uri, truncate } from './text';

/**
 * What a message shows about a finding. Built from a parsed Finding, or from the ledger record when the
 * finding is no longer in Macie (findings expire after 90 days; a restore may come later).
 */
interface FindingView {
  readonly id: string;
  readonly type: string;
  readonly severity: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly accountId?: string;
  /** The account's name, when the ledger record kept one (AWS Organizations'). */
  readonly accountName?: string;
  readonly region?: string;
  readonly partition?: string;
  readonly title?: string;
  readonly category?: string;
  readonly createdAt?: string;
  readonly sensitiveData: readonly SensitiveDataCount[];
  readonly customIdentifierCount: number;
}

/** Either input a builder accepts. */
type MessageSubject = Finding | LedgerRecord;

const isLedgerRecord = (subject: MessageSubject): subject is LedgerRecord => 'objectIdentity' in subject;

/** The finding's own facts when the record kept them; else what the record itself holds. */
function toFindingView(subject: MessageSubject): FindingView {
  if (!isLedgerRecord(subject)) return findingView(subject);
  const named = subject.accountName ? { accountName: subject.accountName } : {};
  if (subject.finding) return { ...findingView(subject.finding), ...named };
  return {
    id: subject.findingId,
    type: subject.findingType,
    severity: subject.severity,
    bucket: subject.source.bucket,
    key: subject.source.key,
    versionId: subject.source.versionId,
    ...accountAndRegion(subject.objectIdentity),
    ...named,
    createdAt: subject.createdAt,
    sensitiveData: [],
    customIdentifierCount: 0,
  };
}

/** What a parsed finding shows. */
function findingView(finding: Finding): FindingView {
  return {
    id: finding.id,
    type: finding.type,
    severity: finding.severity.description,
    bucket: finding.object?.bucket ?? '',
    key: finding.object?.key ?? '',
    versionId: finding.object?.versionId,
    accountId: finding.accountId,
    region: finding.region,
    partition: finding.partition,
    title: finding.title,
    category: finding.category,
    createdAt: finding.createdAt,
    sensitiveData: finding.sensitiveData,
    customIdentifierCount: finding.customIdentifierCount,
  };
}

/** One Block Kit block or element, as JSON. */
type Block = Readonly<Record<string, unknown>>;

/** Small constructors for the blocks our messages use; each one enforces its own Slack limits. */

const mrkdwnText = (text: string, max: number): Block => ({ type: 'mrkdwn', text: truncate(text, max) });

const plainText = (text: string, max: number): Block => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});

const header = (text: string): Block => ({ type: 'header', text: plainText(text, SLACK_LIMITS.headerText) });

const section = (text: string): Block => ({ type: 'section', text: mrkdwnText(text, SLACK_LIMITS.sectionText) });

const fieldsSection = (fields: readonly string[]): Block => ({
  type: 'section',
  fields: fields.slice(0, SLACK_LIMITS.sectionFields).map((f) => mrkdwnText(f, SLACK_LIMITS.fieldText)),
});

const context = (elements: readonly string[]): Block => ({
  type: 'context',
  elements: elements.slice(0, SLACK_LIMITS.contextElements).map((e) => mrkdwnText(e, SLACK_LIMITS.sectionText)),
});

const divider: Block = { type: 'divider' };

interface ConfirmDialog {
  readonly title: string;
  /** mrkdwn. */
  readonly text: string;
  readonly confirm: string;
  readonly deny: string;
}

interface ButtonSpec {
  readonly actionId: SlackActionId;
  readonly text: string;
  readonly value: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: ConfirmDialog;
}

function button(spec: ButtonSpec): Block {
  return {
    type: 'button',
    action_id: spec.actionId,
    text: plainText(spec.text, SLACK_LIMITS.buttonText),
    // The value is an id, never free text: cut rather than send something Slack refuses.
    value: spec.value.slice(0, SLACK_LIMITS.buttonValue),
    ...(spec.style ? { style: spec.style } : {}),
    ...(spec.confirm
      ? {
          confirm: {
            title: plainText(spec.confirm.title, SLACK_LIMITS.confirmTitle),
            text: mrkdwnText(spec.confirm.text, SLACK_LIMITS.confirmText),
            confirm: plainText(spec.confirm.confirm, SLACK_LIMITS.confirmButton),
            deny: plainText(spec.confirm.deny, SLACK_LIMITS.confirmButton),
            ...(spec.style === 'danger' ? { style: 'danger' } : {}),
          },
        }
      : {}),
  };
}

const actions = (buttons: readonly ButtonSpec[]): Block => ({ type: 'actions', elements: buttons.map(button) });

/** Keeps each confirm dialog under Slack's 300-character text limit. */
const CONFIRM_PATH_BUDGET = 180;
const CONFIRM_BUCKET_BUDGET = 70;

/** Each action's confirm dialog: what it does to the object, in a sentence. */
function confirmAction(action: RemediationAction, view: FindingView, quarantineBucket?: string): ConfirmDialog {
  const object = codeSpan(s3Uri(view.bucket, view.key), CONFIRM_PATH_BUDGET);
  switch (action) {
    case 'QUARANTINE':
      return {
        title: 'Quarantine this object?',
        text: `Moves ${object} to ${quarantineBucket ? codeSpan(s3Uri(quarantineBucket), CONFIRM_BUCKET_BUDGET) : 'quarantine'}. It can be restored later.`,
        confirm: 'Quarantine',
        deny: 'Cancel',
      };
    case 'SEAL':
      return {
        title: 'Seal this object in place?',
        text: `Re-encrypts ${object} with the quarantine key: readers are refused. It can be restored later.`,
        confirm: 'Seal',
        deny: 'Cancel',
      };
    case 'TAG':
      return {
        title: 'Tag this object?',
        text: `Tags ${object} with its classification for access policies; nothing moves. Restore removes the tag.`,
        confirm: 'Tag',
        deny: 'Cancel',
      };
  }
}

/** Every button's value is the finding id alone: the handler trusts nothing else from the click. */
const remediateButton = (view: FindingView, action: RemediationAction, quarantineBucket?: string): ButtonSpec => ({
  actionId: SLACK_ACTIONS.remediate,
  text: SLACK_BUTTON_TEXTS.remediate,
  value: view.id,
  style: 'danger',
  confirm: confirmAction(action, view, quarantineBucket),
});

/** The buttons of the actions the policy did not choose ("Seal instead"), each confirmed like Remediate. */
const OTHER_ACTIONS = [
  ['QUARANTINE', 'remediateQuarantine'],
  ['SEAL', 'remediateSeal'],
  ['TAG', 'remediateTag'],
] as const;

const otherActionButtons = (view: FindingView, chosen: RemediationAction, quarantineBucket?: string): ButtonSpec[] =>
  OTHER_ACTIONS.filter(([action]) => action !== chosen).map(([action, name]) => ({
    actionId: SLACK_ACTIONS[name],
    text: SLACK_BUTTON_TEXTS[name],
    value: view.id,
    confirm: confirmAction(action, view, quarantineBucket),
  }));

const exemptButton = (view: FindingView): ButtonSpec => ({
  actionId: SLACK_ACTIONS.exempt,
  text: SLACK_BUTTON_TEXTS.exempt,
  value: view.id,
});

const dismissButton = (view: FindingView): ButtonSpec => ({
  actionId: SLACK_ACTIONS.dismiss,
  text: SLACK_BUTTON_TEXTS.dismiss,
  value: view.id,
});

const dismissAndSuppressButton = (view: FindingView): ButtonSpec => ({
  actionId: SLACK_ACTIONS.dismissAndSuppress,
  text: SLACK_BUTTON_TEXTS.dismissAndSuppress,
  value: view.id,
});

const restoreButton = (view: FindingView): ButtonSpec => ({
  actionId: SLACK_ACTIONS.restore,
  text: SLACK_BUTTON_TEXTS.restore,
  value: view.id,
  style: 'primary',
  confirm: {
    title: 'Restore this object?',
    text: `Moves it back to ${codeSpan(s3Uri(view.bucket, view.key), CONFIRM_PATH_BUDGET)}, where it is readable again.`,
    confirm: 'Restore',
    deny: 'Cancel',
  },
});

/** Budgets that keep every block under Slack's limits even for a 2,000-character key. */
const PATH_BUDGET = 1500;
const TITLE_BUDGET = 1000;
const FOUND_BUDGET = 1500;

const humanize = (id: string): string => {
  const words = id.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What Macie found: per category, then per detection type (`Financial information: 57` / `42 CREDIT_CARD_NUMBER, …`). */
function formatFound(view: FindingView): string | undefined {
  if (view.sensitiveData.length === 0 && view.customIdentifierCount === 0) return undefined;
  const summary = sensitiveDataSummary(view);
  const categories = summary.categories.map((c) => `${humanize(c.category)}: ${c.count}`);
  return truncate(escapeMrkdwn([...categories, summary.text].join('\n')), FOUND_BUDGET);
}

const field = (label: string, value: string | undefined): string | undefined =>
  value ? `*${label}*\n${value}` : undefined;

/** The object, the finding's facts, and where to find it in Macie: shared by every message about a finding. */
function buildFindingBlocks(view: FindingView): Block[] {
  const object = `*Object:* ${codeSpan(s3Uri(view.bucket, view.key), PATH_BUDGET)}`;
  const title = view.title ? `\n${truncate(escapeMrkdwn(view.title), TITLE_BUDGET)}` : '';
  const fields = [
    field('Type', escapeMrkdwn(view.type)),
    field('Severity', escapeMrkdwn(view.severity)),
    field('Account', view.accountId && escapeMrkdwn(accountLabel(view.accountId, view.accountName))),
    field('Region', view.region && escapeMrkdwn(view.region)),
    field('Category', view.category && escapeMrkdwn(view.category)),
    field('Detected', view.createdAt && formatTime(view.createdAt)),
    field('Version', view.versionId && codeSpan(view.versionId, 1000)),
    field('Found', formatFound(view)),
  ].filter((f): f is string => f !== undefined);
  // A record without its finding has no partition: the id alone still finds it in the console.
  const link =
    view.region && view.partition && /^[a-z0-9-]+$/.test(view.region)
      ? findingConsoleUrl({ id: view.id, region: view.region, partition: view.partition })
      : undefined;
  const where = [`Finding ${codeSpan(view.id, 300)}`, ...(link ? [`<${link}|Open in the Macie console>`] : [])];
  return [section(object + title), fieldsSection(fields), context([where.join('  ·  ')])];
}

interface ComposeInput {
  /** Plain words for the notification, e.g. "Quarantined"; the object path is appended. */
  readonly summary: string;
  /** Header text (plain text, emoji codes allowed). */
  readonly title: string;
  readonly view: FindingView;
  /** mrkdwn: what happened, shown above the finding. */
  readonly status?: string;
  /** mrkdwn: what the buttons do, shown below the finding. */
  readonly note?: string;
  readonly buttons?: readonly ButtonSpec[];
}

/** The one layout every message shares: header, status, finding, note, buttons. */
function composeMessage(input: ComposeInput): SlackMessage {
  const blocks: Block[] = [
    header(input.title),
    ...(input.status ? [section(input.status)] : []),
    ...buildFindingBlocks(input.view),
    ...(input.note || input.buttons?.length ? [divider] : []),
    ...(input.note ? [section(input.note)] : []),
    ...(input.buttons?.length ? [actions(input.buttons)] : []),
  ];
  const text = `${input.summary}: ${escapeMrkdwn(s3Uri(input.view.bucket, input.view.key))}`;
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks };
}

export type { FindingView, MessageSubject };
export {
  composeMessage,
  context,
  dismissAndSuppressButton,
  dismissButton,
  exemptButton,
  header,
  isLedgerRecord,
  otherActionButtons,
  remediateButton,
  restoreButton,
  section,
  toFindingView,
};
