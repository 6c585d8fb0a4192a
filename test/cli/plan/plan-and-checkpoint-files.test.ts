import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from '../../../cli/backfill/checkpoint';
import { readPlan, writePlan } from '../../../cli/plan/plan-file';
import type { Plan } from '../../../cli/plan/plan-schema';
import { RemediateError } from '../../../core/errors';

const plan: Plan = {
  version: 1,
  kind: 'remediate',
  createdAt: '2026-11-27T12:00:00.000Z',
  createdBy: 'cli:alice',
  quarantineBucket: 'acme-quarantine',
  force: false,
  skipped: [
    { findingId: 'f2', outcome: 'SOURCE_MISSING', source: { bucket: 'payroll', key: 'gone.csv' }, reason: 'gone' },
  ],
  items: [
    {
      findingId: 'f1',
      type: 'SensitiveData:S3Object/Financial',
      severity: 'High',
      decision: 'AUTO',
      object: { bucket: 'payroll', key: 'march 2026.csv', versionId: 'v1', size: 60, eTag: 'abc' },
      target: { bucket: 'acme-quarantine', key: 'f1/payroll/march 2026.csv' },
    },
  ],
};

function userError(call: () => unknown): RemediateError {
  try {
    call();
  } catch (err) {
    if (RemediateError.isUserError(err)) return err;
    throw err;
  }
  throw new Error('expected a user error');
}

describe('Plan files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back exactly the plan written, leaving no temporary file', () => {
    // Act
    const path = writePlan(dir, 'plan.json', plan);

    // Assess
    expect(path).toBe(join(dir, 'plan.json'));
    expect(readPlan(dir, 'plan.json')).toEqual(plan);
    expect(readdirSync(dir)).toEqual(['plan.json']);
  });

  it.each([
    ['a missing file', undefined, /^plan plan\.json: no such file$/],
    ['not JSON', '{"version":', /^plan plan\.json: .*JSON/],
    [
      'an unknown kind',
      { ...plan, kind: 'delete' },
      /^plan plan\.json: kind must be "remediate" or "restore" \(got "delete"\)$/,
    ],
    [
      'an item without its ETag',
      { ...plan, items: [{ ...plan.items[0], object: { bucket: 'payroll', key: 'k', size: 1 } }] },
      /^plan plan\.json: items\[0\]\.object\.eTag is missing$/,
    ],
    [
      'a negative size',
      { ...plan, items: [{ ...plan.items[0], object: { bucket: 'b', key: 'k', size: -1, eTag: 'e' } }] },
      /^plan plan\.json: items\[0\]\.object\.size /,
    ],
    ['another version', { ...plan, version: 2 }, /^plan plan\.json: version must be 1 \(got number 2\)$/],
    [
      'an empty finding id',
      { ...plan, items: [{ ...plan.items[0], findingId: '' }] },
      /^plan plan\.json: items\[0\]\.findingId .*finding id is empty/,
    ],
    [
      'a finding id that is a path',
      { ...plan, skipped: [{ ...plan.skipped[0], findingId: '../x' }] },
      /^plan plan\.json: skipped\[0\]\.findingId .*is not a finding id/,
    ],
    [
      'a 2 KB finding id',
      { ...plan, items: [{ ...plan.items[0], findingId: 'a'.repeat(2048) }] },
      /^plan plan\.json: items\[0\]\.findingId .*2048 characters long \(at most 128\)/,
    ],
  ])('refuses %s with one line naming the field', (_name, content, message) => {
    // Prepare
    if (content !== undefined) {
      writeFileSync(join(dir, 'plan.json'), typeof content === 'string' ? content : JSON.stringify(content));
    }

    // Act
    const err = userError(() => readPlan(dir, 'plan.json'));

    // Assess
    expect(err.code).toBe('PLAN_INVALID');
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });
});

describe('Backfill checkpoints', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const checkpoint = {
    version: 1 as const,
    criteria: { criterion: { archived: { eq: ['false'] } } },
    sort: { attributeName: 'createdAt', orderBy: 'ASC' as const },
    nextToken: 'abc==',
    pagesDone: 3,
    findingsDone: 150,
    startedAt: '2026-11-27T12:00:00.000Z',
    updatedAt: '2026-11-27T12:01:00.000Z',
  };

  it('is absent until written, reads back as written, and is gone once removed', () => {
    const path = join(dir, 'cp.json');
    expect(readCheckpoint(path)).toBeUndefined();
    writeCheckpoint(path, checkpoint);
    expect(readCheckpoint(path)).toEqual(checkpoint);
    expect(readdirSync(dir)).toEqual(['cp.json']);
    removeCheckpoint(path);
    expect(readCheckpoint(path)).toBeUndefined();
  });

  it('refuses a file that is not a checkpoint, naming the field and the way out', () => {
    const path = join(dir, 'cp.json');
    writeFileSync(path, JSON.stringify({ ...checkpoint, nextToken: 5 }));
    const err = userError(() => readCheckpoint(path));
    expect(err.message).toContain('nextToken must be a string');
    expect(err.message).toContain('--restart starts over');
    expect(JSON.parse(readFileSync(path, 'utf8')).nextToken).toBe(5);
  });
});
