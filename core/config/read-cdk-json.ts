import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The `context` object of `<dir>/cdk.json`, or undefined when there is no file or no context.
 * @throws ConfigError when the file is not JSON or its context is not an object.
 */
function readCdkJson(dir: string): Readonly<Record<string, unknown>> | undefined {
  const file = join(dir, 'cdk.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError([`${file}: cannot be read (${(err as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError([`${file}: is not valid JSON (${(err as Error).message})`]);
  }
  if (!isObject(json)) throw new ConfigError([`${file}: must hold a JSON object`]);
  if (json.context === undefined) return undefined;
  if (!isObject(json.context)) throw new ConfigError([`${file}: "context" must be an object`]);
  return json.context;
}

export { isObject, readCdkJson };
