import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors';

/**
 * `deploy` remembers the stack outputs in `cdk.outputs.json` beside cdk.json, in the format of
 * `cdk deploy --outputs-file` (`{ "<stack>": { "<OutputKey>": "<value>" } }`), so the other commands
 * find the bucket, table, functions and secret without flags.
 */
const OUTPUTS_FILE = 'cdk.outputs.json';

function readStackOutputs(dir: string, stackName: string): Readonly<Record<string, string>> | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, OUTPUTS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([
      `${OUTPUTS_FILE} is not valid JSON (${(err as Error).message}): delete it or run deploy again`,
    ]);
  }
  const stack =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[stackName] : undefined;
  if (typeof stack !== 'object' || stack === null) return undefined;
  return Object.fromEntries(
    Object.entries(stack).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function writeStackOutputs(dir: string, stackName: string, outputs: Readonly<Record<string, string>>): string {
  const path = join(dir, OUTPUTS_FILE);
  let existing: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null) existing = parsed as Record<string, unknown>;
  } catch {
    // no file yet, or an unreadable one we replace
  }
  writeFileSync(path, `${JSON.stringify({ ...existing, [stackName]: outputs }, null, 2)}\n`);
  return path;
}

export { OUTPUTS_FILE, readStackOutputs, writeStackOutputs };
