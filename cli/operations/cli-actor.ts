import { userInfo } from 'node:os';

/** `cli:<os user>`: who acted from the terminal, as the ledger and Slack record it. */
function cliActor(env: Readonly<Record<string, string | undefined>>): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the shell's idea of the user.
  }
  return `cli:${name || env.USER || env.USERNAME || 'unknown'}`;
}

export { cliActor };
