import { escapeMrkdwn } from './text';

/**
 * A timestamp in mrkdwn: Slack renders `<!date^…>` in each reader's time zone and shows the ISO text where
 * it cannot. An unparsable value is shown as escaped text.
 */
function formatTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeMrkdwn(iso);
  const fallback = new Date(ms).toISOString();
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

export { formatTime };
