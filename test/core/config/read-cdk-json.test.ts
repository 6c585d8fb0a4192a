import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCdkJson } from '../../../core/config/read-cdk-json';
import { ConfigError } from '../../../core/errors';

describe('readCdkJson', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'macie-remediate-cdkjson-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (text: string) => writeFileSync(join(dir, 'cdk.json'), text);

  it('returns the context object', () => {
    // Prepare
    write(JSON.stringify({ app: 'npx tsx infra/app.ts', context: { minSeverityLevel: 'HIGH' } }));

    // Act & Assess
    expect(readCdkJson(dir)).toEqual({ minSeverityLevel: 'HIGH' });
  });

  it('returns undefined without a file or without a context', () => {
    expect(readCdkJson(dir)).toBeUndefined();
    write('{"app": "x"}');
    expect(readCdkJson(dir)).toBeUndefined();
  });

  it('names the file when it is not JSON', () => {
    // Prepare
    write('{"context": {');

    // Act & Assess
    expect(() => readCdkJson(dir)).toThrow(ConfigError);
    expect(() => readCdkJson(dir)).toThrow(`${join(dir, 'cdk.json')}: is not valid JSON (`);
  });

  it('names the file when it is not an object or its context is not', () => {
    write('[]');
    expect(() => readCdkJson(dir)).toThrow(`${join(dir, 'cdk.json')}: must hold a JSON object`);
    write('{"context": "x"}');
    expect(() => readCdkJson(dir)).toThrow(`${join(dir, 'cdk.json')}: "context" must be an object`);
  });
});
