import { shortTypeName } from '../../finding/finding-type';
import type { ReviewDigest, SlackMessage } from '../../types/ports';
import { context, header, section } from './blocks';
import { codeSpan, formatTime } from './text';

/** Lines of counts shown before "and N more groups": keeps the message well inside a section's 3,000 characters. */
const GROUPS_SHOWN = 15;

/**
 * The one message that stands for a flood of review findings: how many, by bucket and type, and how to
 * review them from the terminal (they stay AWAITING_REVIEW in the ledger; the digest has no buttons).
 * Posted once per window and channel, then updated in place as more arrive.
 */
function buildDigestMessage(digest: ReviewDigest): SlackMessage {
  const waiting = digest.total - digest.posted;
  const summary = `${waiting} more findings awaiting review`;
  const groups = [...digest.groups].sort((a, b) => b.count - a.count || a.bucket.localeCompare(b.bucket));
  const lines = groups
    .slice(0, GROUPS_SHOWN)
    .map((g) => `• ${codeSpan(g.bucket, 120)} ${codeSpan(shortTypeName(g.type), 80)}: *${g.count}*`);
  const more = groups.length - GROUPS_SHOWN;
  const since = digest.windowStart;
  return {
    text: `${summary} (${digest.total} since ${since}); review them from the terminal`,
    blocks: [
      header(`:inbox_tray: ${summary}`),
      section(
        `*${digest.total}* findings needed review between ${formatTime(digest.windowStart)} and ` +
          `${formatTime(digest.windowEnd)}: the first ${digest.posted} are posted above, one by one; ` +
          `the other *${waiting}* are only counted here, to keep the channel readable.`,
      ),
      section(
        `*By bucket and type* (all ${digest.total}):\n${lines.join('\n')}${more > 0 ? `\n…and ${more} more` : ''}`,
      ),
      section(
        'They wait in the ledger as AWAITING_REVIEW. Review them from the terminal:\n' +
          `\`\`\`macie-remediate list findings --status awaiting_review --since ${since}\n` +
          `macie-remediate remediate --since ${since} --plan plan.json\n` +
          'macie-remediate apply plan.json```',
      ),
      context([
        `Updated as more arrive until ${formatTime(digest.windowEnd)}; a later flood gets a digest of its own.`,
      ]),
    ],
  };
}

export { buildDigestMessage };
