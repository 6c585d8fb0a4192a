import type { S3Client } from '@aws-sdk/client-s3';
import { QuarantineEngine } from '../quarantine/QuarantineEngine';
import type { JobDeps } from '../remediation/RemediationDeps';
import { type FindingsHubOption, findingsHubFor } from './findings-hub';
import { buildWorkflowDeps, type Composed, type ComposeOptions } from './workflow-deps';

interface JobDepsOptions extends ComposeOptions, FindingsHubOption {
  readonly s3: S3Client;
  /** Engine tuning (tests exercise multipart copies with small objects). */
  readonly engine?: {
    readonly multipartThresholdBytes?: number;
    readonly partSizeBytes?: number;
    readonly kmsKeyId?: string;
  };
}

/** The remediator's workflow: the only one that moves objects, so the only one with the S3 engine; it shows outcomes in Security Hub. */
function buildJobDeps(options: JobDepsOptions): Composed<JobDeps> {
  const { deps, notifier, quarantineBucket } = buildWorkflowDeps(options);
  const quarantine = new QuarantineEngine({
    s3: options.s3,
    quarantineBucket,
    clock: deps.clock,
    logger: deps.logger,
    ...options.engine,
  });
  return {
    deps: { ...deps, ...findingsHubFor(options.settings, options), quarantine },
    ...(notifier ? { notifier } : {}),
  };
}

export type { JobDepsOptions };
export { buildJobDeps };
