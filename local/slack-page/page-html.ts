import type { SlackChannel, SlackTeam, SlackUser } from '../slack/types';
import { escapeHtml } from './escape-html';

interface PageInput {
  readonly team: SlackTeam;
  readonly channel: SlackChannel;
  /** Who the viewer may click as; the first one is selected. */
  readonly users: readonly SlackUser[];
  /** The channel's messages and ephemerals, already rendered. */
  readonly messagesHtml: string;
}

/** The channel page: sidebar, header with the user switcher, the message list; script and styles are ours only. */
function pageHtml(input: PageInput): string {
  const channel = escapeHtml(input.channel.name);
  const options = input.users
    .map((user) => {
      const label = user.realName ? `${user.name} (${user.realName})` : user.name;
      return `<option value="${escapeHtml(user.id)}">${escapeHtml(label)}</option>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>#${channel} · ${escapeHtml(input.team.name)} (local Slack)</title>
<link rel="stylesheet" href="/channel.css">
<script src="/channel.js" defer></script>
</head>
<body>
<aside class="sidebar">
<div class="workspace">${escapeHtml(input.team.name)}</div>
<div class="section-title">Channels</div>
<div class="channel-link active"># ${channel}</div>
<div class="sidebar-note">A local stand-in for Slack: clicks are signed and sent to the remediation API, exactly as Slack sends them.</div>
</aside>
<div class="main">
<header class="channel-header">
<h1># ${channel}</h1>
<label class="viewer">Viewing and clicking as <select id="viewer">${options}</select></label>
<span id="connection" class="connection">connecting…</span>
</header>
<main id="messages" aria-live="polite">${input.messagesHtml}</main>
<div id="toast" class="toast" role="status" hidden></div>
</div>
</body>
</html>
`;
}

export type { PageInput };
export { pageHtml };
