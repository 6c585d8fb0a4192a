/**
 * The two names OrganizationsAccountNames uses, imported statically so a bundler keeps only these of the
 * client's hundred commands; callers `require` this module on their first question, so a process that
 * never asks never loads it.
 */
export { DescribeAccountCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
