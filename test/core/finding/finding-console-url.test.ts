import { findingConsoleUrl } from '../../../core/finding/finding-console-url';

describe('findingConsoleUrl', () => {
  it.each([
    [
      'aws',
      'us-east-1',
      'https://us-east-1.console.aws.amazon.com/macie/home?region=us-east-1#findings?search=id%3Dabc123&macros=current&itemId=abc123',
    ],
    [
      'aws-cn',
      'cn-north-1',
      'https://console.amazonaws.cn/macie/home?region=cn-north-1#findings?search=id%3Dabc123&macros=current&itemId=abc123',
    ],
    [
      'aws-us-gov',
      'us-gov-west-1',
      'https://console.amazonaws-us-gov.com/macie/home?region=us-gov-west-1#findings?search=id%3Dabc123&macros=current&itemId=abc123',
    ],
  ])('links to the finding in the %s console', (partition, region, url) => {
    expect(findingConsoleUrl({ id: 'abc123', partition, region })).toBe(url);
  });

  it('encodes the finding id', () => {
    expect(findingConsoleUrl({ id: 'a&b', partition: 'aws', region: 'us-east-1' })).toContain(
      'search=id%3Da%26b&macros=current&itemId=a%26b',
    );
  });
});
