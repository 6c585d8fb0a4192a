import { SLACK_ACTIONS, SLACK_BUTTON_TEXTS } from '../action-ids';
import type { ButtonSpec } from './blocks';
import type { FindingView } from './finding-view';
import { codeSpan, s3Uri } from './text';

/** Keeps each confirm dialog under Slack's 300-character text limit. */
const CONFIRM_PATH_BUDGET = 180;
const CONFIRM_BUCKET_BUDGET = 70;

/** Every button's value is the finding id alone: the handler trusts nothing else from the click. */
const remediateButton = (view: FindingView, quarantineBucket?: string): ButtonSpec => ({
  actionId: SLACK_ACTIONS.remediate,
  text: SLACK_BUTTON_TEXTS.remediate,
  value: view.id,
  style: 'danger',
  confirm: {
    title: 'Quarantine this object?',
    text: `Moves ${codeSpan(s3Uri(view.bucket, view.key), CONFIRM_PATH_BUDGET)} to ${quarantineBucket ? codeSpan(s3Uri(quarantineBucket), CONFIRM_BUCKET_BUDGET) : 'quarantine'}. It can be restored later.`,
    confirm: 'Quarantine',
    deny: 'Cancel',
  },
});

const dismissButton = (view: FindingView): ButtonSpec => ({
  actionId: SLACK_ACTIONS.dismiss,
  text: SLACK_BUTTON_TEXTS.dismiss,
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

export { dismissButton, remediateButton, restoreButton };
