import type { SlackMessage } from '../../../../core/types/ports';

type Json = Readonly<Record<string, unknown>>;

const objects = (value: unknown): Json[] => {
  if (Array.isArray(value)) return value.flatMap(objects);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Json, ...Object.values(value).flatMap(objects)];
};

/** Every text object (`{type: 'mrkdwn' | 'plain_text', text}`) anywhere in the message. */
const textObjects = (message: SlackMessage): { type: string; text: string }[] =>
  objects(message.blocks)
    .filter((o) => (o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
    .map((o) => ({ type: String(o.type), text: String(o.text) }));

/** The mrkdwn Slack would parse: every mrkdwn text object plus the top-level text. */
const mrkdwnTexts = (message: SlackMessage): string[] => [
  message.text,
  ...textObjects(message)
    .filter((t) => t.type === 'mrkdwn')
    .map((t) => t.text),
];

/** Every `<…>` control sequence Slack would turn into a link, mention or date. */
const controlSequences = (message: SlackMessage): string[] =>
  mrkdwnTexts(message).flatMap((t) => t.match(/<[^>]*>/g) ?? []);

const buttons = (message: SlackMessage): Json[] => objects(message.blocks).filter((o) => o.type === 'button');

const buttonText = (button: Json): string => String((button.text as Json).text);

/** Every Slack limit our builders promise to respect; returns the broken ones (empty: all kept). */
function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  check('text', message.text.length, 4000);
  check('blocks', message.blocks.length, 50);
  for (const block of message.blocks) {
    const text = block.text as Json | undefined;
    if (block.type === 'header' && text) check('header', String(text.text).length, 150);
    if (block.type === 'section' && text) check('section text', String(text.text).length, 3000);
    if (block.type === 'section' && Array.isArray(block.fields)) {
      check('fields', block.fields.length, 10);
      for (const f of block.fields as Json[]) check('field', String(f.text).length, 2000);
    }
    if (block.type === 'context') check('context elements', (block.elements as unknown[]).length, 10);
  }
  for (const b of buttons(message)) {
    check('button text', buttonText(b).length, 75);
    check('button value', String(b.value).length, 2000);
    check('action_id', String(b.action_id).length, 255);
    const confirm = b.confirm as Json | undefined;
    if (confirm) {
      check('confirm title', String((confirm.title as Json).text).length, 100);
      check('confirm text', String((confirm.text as Json).text).length, 300);
      check('confirm button', String((confirm.confirm as Json).text).length, 30);
      check('deny button', String((confirm.deny as Json).text).length, 30);
    }
  }
  return problems;
}

export { buttons, buttonText, controlSequences, limitViolations, mrkdwnTexts, textObjects };
