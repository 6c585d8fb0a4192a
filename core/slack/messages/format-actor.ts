import { codeSpan } from './text';

/** Slack user ids: U… in a workspace, W… in an Enterprise org. Anything else is shown as text. */
const SLACK_USER = /^[UW][A-Z0-9]{2,20}$/;

/**
 * An actor (quarantine.ts: `slack:U123`, `auto`, `cli:<user>`) in mrkdwn: a Slack mention for Slack users,
 * never a mention built from free text.
 */
function formatActor(actor: string): string {
  if (actor === 'auto') return 'automatic remediation (policy)';
  const [kind, ...rest] = actor.split(':');
  const who = rest.join(':');
  if (kind === 'slack' && SLACK_USER.test(who)) return `<@${who}>`;
  if (kind === 'cli' && who) return `${codeSpan(who, 100)} (CLI)`;
  return codeSpan(actor, 100);
}

export { formatActor };
