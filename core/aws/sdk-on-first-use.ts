/**
 * The SDK clients a Lambda needs only for some events: required at their first use rather than imported, each
 * from a module of its own that the functions' bundles keep as a file of its own (infra/lambda-bundle.ts), so a
 * handler neither runs nor parses a client it may never call (BENCHMARKS.md, "Module load"). The paths are
 * `./<name>-sdk`, beside this file: in a bundle, the same relative path names the file next to the handler.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SecurityHubClient, SecurityHubClientConfig } from '@aws-sdk/client-securityhub';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Settings } from '../types/settings';
import { awsClientConfig } from './aws-client-config';

const lambdaSdk = () => require('./lambda-sdk') as typeof import('./lambda-sdk');
const stsSdk = () => require('./sts-sdk') as typeof import('./sts-sdk');
const securityHubSdk = () => require('./securityhub-sdk') as typeof import('./securityhub-sdk');
const macieSdk = () => require('./macie-sdk') as typeof import('./macie-sdk');
const organizationsSdk = () => require('./organizations-sdk') as typeof import('./organizations-sdk');

/** `make`'s value, made at the first call and the same one after. */
function onFirstUse<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * The Lambda client on first use: the handlers invoke the remediator only for some events (a finding set to AUTO,
 * an approved click; not a finding under REVIEW or IGNORE, a dismissal, a refused click).
 */
const lambdaClientOnFirstUse = (settings: Settings): (() => LambdaClient) =>
  onFirstUse(() => new (lambdaSdk().LambdaClient)(awsClientConfig(settings)));

/** The STS client on first use: only a member account's object needs the member role. */
const stsClientOnFirstUse = (settings: Settings): (() => STSClient) =>
  onFirstUse(() => new (stsSdk().STSClient)(awsClientConfig(settings)));

/** The Security Hub client on first use: only a decision with `securityHub` on updates a finding there. */
const securityHubClientOnFirstUse = (
  settings: Settings,
  overrides: Partial<SecurityHubClientConfig> = {},
): (() => SecurityHubClient) =>
  onFirstUse(() => new (securityHubSdk().SecurityHubClient)({ ...awsClientConfig(settings), ...overrides }));

export {
  lambdaClientOnFirstUse,
  lambdaSdk,
  macieSdk,
  onFirstUse,
  organizationsSdk,
  securityHubClientOnFirstUse,
  securityHubSdk,
  stsClientOnFirstUse,
  stsSdk,
};
