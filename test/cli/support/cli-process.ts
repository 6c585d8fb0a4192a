import { processIO } from '../../../cli/io';
import { main } from '../../../cli/main';

/**
 * The CLI as a process of its own, as bin/macie-remediate.js starts it, with what a test changes through
 * CliIO.factory and can pass to a process: TEST_SLACK_INTERVAL_MS, the least time between two Slack posts to a
 * channel (Slack's rate, a second, unless set). test/support/built-cli compiles it with the CLI.
 */
const slackIntervalMs = process.env.TEST_SLACK_INTERVAL_MS;
void main(process.argv.slice(2), {
  ...processIO(),
  ...(slackIntervalMs ? { factory: { slackIntervalMs: () => Number(slackIntervalMs) } } : {}),
}).then((code) => {
  process.exitCode = code;
});
