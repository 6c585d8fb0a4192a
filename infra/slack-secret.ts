import { Arn, ArnFormat, type Stack } from 'aws-cdk-lib';

/** Secrets Manager appends `-` and six random characters to a secret's name in its ARN. */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;

interface SlackSecretRef {
  /** For the stack output and the CLI: the ARN as far as it is known (without the suffix for a name). */
  readonly arn: string;
  /** For IAM: matches the secret whatever its random suffix. */
  readonly policyArn: string;
}

/**
 * The secret the CLI's `init` creates, referenced by name or ARN and never created here, so no
 * secret value passes through CloudFormation.
 */
function referenceSlackSecret(stack: Stack, secretId: string): SlackSecretRef {
  if (secretId.startsWith('arn:')) {
    const resourceName = Arn.split(secretId, ArnFormat.COLON_RESOURCE_NAME).resourceName ?? '';
    const complete = RANDOM_SUFFIX.test(resourceName);
    return { arn: secretId, policyArn: complete ? secretId : `${secretId}-??????` };
  }
  const arn = stack.formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: secretId,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  return { arn, policyArn: `${arn}-??????` };
}

export type { SlackSecretRef };
export { referenceSlackSecret };
