import type { SlackActionId } from '../action-ids';
import { SLACK_LIMITS } from './limits';
import { truncate } from './text';

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

export type { Block, ButtonSpec, ConfirmDialog };
export { actions, context, divider, fieldsSection, header, section };
