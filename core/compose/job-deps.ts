import type { S3Client } from '@aws-sdk/client-s3';
import { AccountClients, type AccountReach } from '../aws/account-clients';
import { callerAccount } from '../aws/caller-account';
import { QuarantineEngine } from '../quarantine/QuarantineEngine';
import type { JobDeps } from '../remediation/RemediationDeps';
import type { Clock } from '../types/runtime';
import { type FindingsHubOption, findingsHubFor } from './findings-hub';
import { ownAccountOf } from './own-account';
import { buildWorkflowDeps, type Composed, type ComposeOptions } from './workflow-deps';

interface JobDepsOptions extends ComposeOptions, FindingsHubOption {
  /** The own credentials, in the home Region: the quarantine bucket, and the own account's objects there. */
  readonly s3: S3Client;
  /**
   * How the engine reaches member accounts' objects and other Regions: an STS client, S3 clients like `s3`.
   * @default none: the own account only
   */
  readonly accounts?: AccountReach;
  /** Engine tuning (tests exercise multipart copies with small objects). `kmsKeyId` @default settings.quarantineKeyId */
  readonly engine?: {
    readonly multipartThresholdBytes?: number;
    readonly partSizeBytes?: number;
    readonly kmsKeyId?: string;
    readonly copyDropsTags?: boolean;
  };
}

/**
 * Whose objects the engine acts on, and how. A door that can neither name its own account (`accountId`) nor
 * ask STS has one account: every object is taken as its own, as before organisations.
 */
function accountClientsOf(options: JobDepsOptions, clock: Clock): AccountClients | undefined {
  const { settings, accounts: reach } = options;
  const lookup = options.ownAccount ?? (reach ? () => callerAccount(reach.sts()) : undefined);
  if (!settings.accountId && !lookup) return undefined;
  return new AccountClients({
    home: options.s3,
    ownAccount: ownAccountOf(settings, lookup),
    memberAccounts: settings.memberAccounts,
    memberRoleName: settings.memberRoleName,
    ...(reach ? { reach } : {}),
    clock,
  });
}

/**
 * The remediator's workflow: the only one that moves objects, so the only one with the S3 engine; it shows
 * outcomes in Security Hub. Its
 * account clients come out too: a door that reads source objects before a job (the CLI's plans) reads them
 * as the engine will, with the same cached member credentials.
 */
function buildJobDeps(options: JobDepsOptions): Composed<JobDeps> & { readonly accounts?: AccountClients } {
  const { deps, notifier, quarantineBucket } = buildWorkflowDeps(options);
  const accounts = accountClientsOf(options, deps.clock);
  const quarantine = new QuarantineEngine({
    s3: options.s3,
    quarantineBucket,
    clock: deps.clock,
    logger: deps.logger,
    ...(accounts ? { accounts } : {}),
    ...(options.settings.quarantineKeyId ? { kmsKeyId: options.settings.quarantineKeyId } : {}),
    ...options.engine,
  });
  return {
    deps: { ...deps, ...findingsHubFor(options.settings, options), quarantine, exemptTag: options.settings.exemptTag },
    ...(notifier ? { notifier } : {}),
    ...(accounts ? { accounts } : {}),
  };
}

export type { JobDepsOptions };
export { buildJobDeps };
