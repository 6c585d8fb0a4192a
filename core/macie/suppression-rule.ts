import { createHash } from 'node:crypto';

/** Every findings filter this tool creates is named with this prefix; `unsuppress` deletes no other. */
const SUPPRESSION_PREFIX = 'macie-remediate-';

/** What a suppression covers: this object's later findings, or this bucket's later findings of this type. */
type SuppressionScope = 'object' | 'similar';

interface SuppressionRequest {
  readonly scope: SuppressionScope;
  readonly findingId: string;
  /** The finding's account; an object is named by account, bucket and key. */
  readonly accountId?: string;
  readonly bucket: string;
  readonly key: string;
  readonly findingType: string;
  /** Who dismissed (e.g. `slack:U123`), why, and when (ISO-8601). */
  readonly actor: string;
  readonly reason: string;
  readonly at: string;
}

/** One `findingCriteria.criterion` condition, as Macie takes it. */
type Criterion = Readonly<Record<string, { readonly eq: readonly string[] }>>;

/** The Macie findings filter (action ARCHIVE) a suppression creates. */
interface SuppressionRule {
  /** `macie-remediate-<bucket>-<hash of the criteria>`: 3–64 characters, the same for the same criteria. */
  readonly name: string;
  /** Who, why, when, which finding: at most 512 characters. */
  readonly description: string;
  readonly criterion: Criterion;
  /** Macie's idempotency token: two dismissals racing to create the same filter create one. */
  readonly clientToken: string;
  readonly tags: Readonly<Record<string, string>>;
}

const MAX_NAME = 64;
const MAX_DESCRIPTION = 512;
const HASH_LENGTH = 8;
/** Tag keys the rule sets: when it was made and for which finding (GetFindingsFilter returns no creation time). */
const SUPPRESSION_TAGS = { created: 'macie-remediate:created', finding: 'macie-remediate:finding' } as const;

function criterionFor(request: SuppressionRequest): Criterion {
  const bucket = { 'resourcesAffected.s3Bucket.name': { eq: [request.bucket] } };
  if (request.scope === 'similar') return { ...bucket, type: { eq: [request.findingType] } };
  return {
    ...(request.accountId ? { accountId: { eq: [request.accountId] } } : {}),
    ...bucket,
    'resourcesAffected.s3Object.key': { eq: [request.key] },
  };
}

const truncate = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The filter for a suppression (pure). Its name derives from the criteria alone, so a second dismissal of the
 * same object (or bucket and type) finds the first one's filter by name instead of making another.
 */
function suppressionRule(request: SuppressionRequest): SuppressionRule {
  const criterion = criterionFor(request);
  const digest = createHash('sha256').update(JSON.stringify(criterion)).digest('hex');
  const room = MAX_NAME - SUPPRESSION_PREFIX.length - HASH_LENGTH - 1;
  const name = `${SUPPRESSION_PREFIX}${request.bucket.replaceAll('.', '-').slice(0, room).replace(/-+$/, '')}-${digest.slice(0, HASH_LENGTH)}`;
  const what =
    request.scope === 'similar'
      ? `${request.findingType} findings in s3://${request.bucket}`
      : `findings of s3://${request.bucket}/${request.key}${request.accountId ? ` (account ${request.accountId})` : ''}`;
  const description = truncate(
    `Archives ${what}. Dismissed by ${request.actor} on ${request.at} (finding ${request.findingId}): ${request.reason}`,
    MAX_DESCRIPTION,
  );
  return {
    name,
    description,
    criterion,
    clientToken: digest.slice(0, 64),
    tags: { [SUPPRESSION_TAGS.created]: request.at, [SUPPRESSION_TAGS.finding]: request.findingId },
  };
}

const isOurSuppression = (name: string): boolean => name.startsWith(SUPPRESSION_PREFIX);

export type { Criterion, SuppressionRequest, SuppressionRule, SuppressionScope };
export { isOurSuppression, SUPPRESSION_PREFIX, SUPPRESSION_TAGS, suppressionRule };
