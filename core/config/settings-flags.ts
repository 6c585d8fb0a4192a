/** Flag values as commander gives them (camelCase of the `--kebab-case` flag; repeatable flags as arrays). */
interface SettingsFlags {
  /** `--auto TYPE=ACTION`, repeatable. */
  readonly auto?: readonly string[];
  readonly minSeverity?: string;
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  /** `--approver`, repeatable (commas also split). */
  readonly approver?: readonly string[];
  /** `--source-bucket`, repeatable (commas also split). */
  readonly sourceBucket?: readonly string[];
  readonly memberRoleName?: string;
  readonly stack?: string;
  readonly quarantineBucket?: string;
  readonly ledgerTable?: string;
  readonly secretId?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** `slackTeamId` → `--slack-team-id`, for messages that name the flag. */
const flagName = (flag: keyof SettingsFlags): string => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export type { SettingsFlags };
export { flagName };
