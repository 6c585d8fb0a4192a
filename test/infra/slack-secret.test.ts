import { Stack } from 'aws-cdk-lib';
import { referenceSlackSecret } from '../../infra/slack-secret';

describe('referenceSlackSecret', () => {
  const stack = new Stack();
  const resolve = (value: string) => JSON.stringify(stack.resolve(value));

  it('matches any random suffix for a secret named in cdk.json', () => {
    const ref = referenceSlackSecret(stack, 'macie-remediate/slack');
    expect(resolve(ref.arn)).toMatch(/:secret:macie-remediate\/slack"/);
    expect(resolve(ref.policyArn)).toMatch(/:secret:macie-remediate\/slack-\?\?\?\?\?\?"/);
  });

  it('keeps a complete ARN as it is', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:team/slack-AbC123';
    expect(referenceSlackSecret(stack, arn)).toEqual({ arn, policyArn: arn });
  });

  it('completes a partial ARN with the suffix wildcard', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:team/slack';
    expect(referenceSlackSecret(stack, arn)).toEqual({ arn, policyArn: `${arn}-??????` });
  });
});
