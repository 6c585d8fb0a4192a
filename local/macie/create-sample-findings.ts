import { SENSITIVE_DATA_TYPES } from '../../core/types/finding';
import type { FindingStore } from './FindingStore';
import { MacieApiError } from './macie-errors';
import { createSampleFindingsInput, parseInput } from './macie-inputs';
import { makeFinding } from './make-finding';
import { makePolicyFinding, POLICY_TYPES } from './make-policy-finding';
import type { MacieFindingJson } from './types';

/** The fictitious bucket every Macie sample finding points at. */
const SAMPLE_BUCKET = 'macie-sample-finding-bucket';

const ALL_TYPES: readonly string[] = [...SENSITIVE_DATA_TYPES, ...POLICY_TYPES];

interface SampleContext {
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
}

const isSensitiveType = (type: string): type is (typeof SENSITIVE_DATA_TYPES)[number] =>
  (SENSITIVE_DATA_TYPES as readonly string[]).includes(type);

const isPolicyType = (type: string): type is (typeof POLICY_TYPES)[number] =>
  (POLICY_TYPES as readonly string[]).includes(type);

function sampleFor(type: string, store: FindingStore, context: SampleContext): MacieFindingJson {
  const common = { accountId: context.accountId, region: context.region, createdAt: context.now, sample: true };
  if (isSensitiveType(type)) {
    const slug = type.slice(type.indexOf('/') + 1).toLowerCase();
    return makeFinding({ ...common, bucket: SAMPLE_BUCKET, key: `sample/${slug}-sample.csv`, type });
  }
  if (!isPolicyType(type)) throw new MacieApiError('ValidationException', `Unknown finding type: ${type}`);
  // A policy sample that already exists is counted again, not duplicated.
  const existing = store.all().find((f) => f.sample === true && f.type === type);
  if (existing) return { ...existing, count: (existing.count ?? 1) + 1, updatedAt: context.now.toISOString() };
  return makePolicyFinding({ ...common, bucket: SAMPLE_BUCKET, type });
}

/**
 * CreateSampleFindings: one sample finding per requested type (all types when `findingTypes` is absent).
 * Sensitive-data samples are new findings every time; policy samples are updated. Returns what to store.
 */
function createSampleFindings(store: FindingStore, body: unknown, context: SampleContext): MacieFindingJson[] {
  const input = parseInput(createSampleFindingsInput, body);
  const types = input.findingTypes && input.findingTypes.length > 0 ? input.findingTypes : ALL_TYPES;
  return types.map((type) => sampleFor(type, store, context));
}

export { createSampleFindings, SAMPLE_BUCKET };
