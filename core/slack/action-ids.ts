/**
 * The `action_id`s our buttons carry. They are stable: messages already posted keep sending them back,
 * so renaming one would break every open review. Each button's `value` is the finding id, nothing more.
 */
const SLACK_ACTIONS = {
  remediate: 'remediate',
  dismiss: 'dismiss',
  dismissAndSuppress: 'dismiss_suppress',
  restore: 'restore',
  // A reviewer's other choice than the policy's action.
  remediateQuarantine: 'remediate_quarantine',
  remediateSeal: 'remediate_seal',
  remediateTag: 'remediate_tag',
  exempt: 'exempt',
} as const;

type SlackActionId = (typeof SLACK_ACTIONS)[keyof typeof SLACK_ACTIONS];

/** Visible button texts (the public contract: scripts and people look for these words). */
const SLACK_BUTTON_TEXTS = {
  remediate: 'Remediate',
  dismiss: 'Dismiss',
  dismissAndSuppress: 'Dismiss and suppress similar',
  restore: 'Restore',
  remediateQuarantine: 'Quarantine instead',
  remediateSeal: 'Seal instead',
  remediateTag: 'Tag instead',
  exempt: 'Exempt',
} as const;

const isSlackActionId = (actionId: string): actionId is SlackActionId =>
  Object.values<string>(SLACK_ACTIONS).includes(actionId);

export type { SlackActionId };
export { isSlackActionId, SLACK_ACTIONS, SLACK_BUTTON_TEXTS };
