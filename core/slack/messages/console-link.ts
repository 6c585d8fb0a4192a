/** Console host per partition (aws-cn and GovCloud hosts are unconfirmed; macie.md §6). */
const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The partition a region belongs to, for records that did not keep it. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Deep link to a finding in the Macie console. The console's hash route is undocumented, so messages also
 * show the finding id as text. Undefined when the region or partition is not one we can build a host for.
 */
function buildConsoleLink(findingId: string, region: string, partition = partitionOf(region)): string | undefined {
  const host = CONSOLE_HOSTS[partition];
  if (!host || !REGION.test(region)) return undefined;
  const id = encodeURIComponent(findingId);
  return `https://${region}.${host}/macie/home?region=${region}#findings?search=id%3D${id}&macros=current&itemId=${id}`;
}

export { buildConsoleLink, partitionOf };
