import type { Finding } from '../types/finding';

/** Console hosts per partition; aws-cn and aws-us-gov are unconfirmed: no documented console URL there. */
function consoleHost(partition: string, region: string): string {
  if (partition === 'aws-cn') return 'console.amazonaws.cn';
  if (partition === 'aws-us-gov') return 'console.amazonaws-us-gov.com';
  return `${region}.console.aws.amazon.com`;
}

/**
 * Deep link to the finding in the Macie console. The format is not documented, so messages should
 * show the finding id next to it: a broken link still lets people search for the finding.
 */
function findingConsoleUrl(finding: Pick<Finding, 'id' | 'partition' | 'region'>): string {
  const region = encodeURIComponent(finding.region);
  const id = encodeURIComponent(finding.id);
  const search = encodeURIComponent(`id=${finding.id}`);
  return `https://${consoleHost(finding.partition, finding.region)}/macie/home?region=${region}#findings?search=${search}&macros=current&itemId=${id}`;
}

export { findingConsoleUrl };
