/** The emoji codes our messages use (and a few more), as Slack shows them; unknown codes stay as text. */
const EMOJI: Readonly<Record<string, string>> = {
  mag: '🔍',
  lock: '🔒',
  unlock: '🔓',
  x: '❌',
  warning: '⚠️',
  white_check_mark: '✅',
  grey_question: '❔',
  leftwards_arrow_with_hook: '↩️',
  information_source: 'ℹ️',
  hourglass_flowing_sand: '⏳',
  rotating_light: '🚨',
  tada: '🎉',
};

/** Replaces `:code:` with its emoji. Runs on HTML-escaped text: codes contain no markup characters. */
const renderEmoji = (text: string): string =>
  text.replace(/:([a-z0-9_+-]+):/g, (code, name: string) => EMOJI[name] ?? code);

export { renderEmoji };
