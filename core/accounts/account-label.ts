/** How people see an account, in Slack and in tables: `Payroll Prod (222233334444)` when its name is known, else the id. */
const accountLabel = (accountId: string, name?: string): string => (name ? `${name} (${accountId})` : accountId);

export { accountLabel };
