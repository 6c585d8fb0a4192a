import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCdkJson } from '../../core/config';

/** The whole cdk.json of a directory: `app`, feature flags and unknown keys are kept when init merges into it. */
interface CdkJsonDocument {
  readonly path: string;
  readonly existed: boolean;
  readonly json: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
}

/** @throws ConfigError (from the shared reader) when the file is not JSON or its context not an object. */
function readCdkJsonDocument(dir: string): CdkJsonDocument {
  const path = join(dir, 'cdk.json');
  const context = readCdkJson(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, existed: false, json: {}, context: {} };
  }
  return { path, existed: true, json: JSON.parse(text) as Record<string, unknown>, context: context ?? {} };
}

/** Written to a temporary file and renamed over cdk.json, so an interrupted init never leaves half a file. */
function writeCdkJsonDocument(path: string, json: Readonly<Record<string, unknown>>): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(json, null, 2)}\n`);
  renameSync(temporary, path);
}

export type { CdkJsonDocument };
export { readCdkJsonDocument, writeCdkJsonDocument };
