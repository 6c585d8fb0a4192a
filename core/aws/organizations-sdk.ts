/** What OrganizationsAccountNames takes from @aws-sdk/client-organizations (sdk-on-first-use.ts). */
export { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
