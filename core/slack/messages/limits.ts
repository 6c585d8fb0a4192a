/**
 * Block Kit limits we build against (Slack reference: blocks, block elements, composition objects).
 * Slack rejects a whole message that breaks one, so every builder truncates to these.
 */
const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** Top-level `text`: Slack truncates longer text; 4,000 is the documented best-practice bound. */
  messageText: 4000,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

export { SLACK_LIMITS };
