import type { Macie2Client } from '@aws-sdk/client-macie2';
import { fail, pass, reasonOf, type StatusCheck, skip } from './status-check';

const PUBLICATION_CHECK = 'security-hub';

/**
 * GetFindingsPublicationConfiguration: with `securityHub` on, the tool updates Macie's findings in Security Hub,
 * which holds sensitive-data findings only when Macie publishes them (off by default).
 */
async function checkPublication(macie: Macie2Client): Promise<StatusCheck> {
  const { GetFindingsPublicationConfigurationCommand } =
    require('@aws-sdk/client-macie2') as typeof import('@aws-sdk/client-macie2');
  try {
    const { securityHubConfiguration: config } = await macie.send(new GetFindingsPublicationConfigurationCommand({}));
    if (config?.publishClassificationFindings)
      return pass(PUBLICATION_CHECK, 'Macie publishes sensitive-data findings to Security Hub');
    // The fix keeps policy findings as they are: only the sensitive-data half is this tool's business.
    const policy = config?.publishPolicyFindings ?? true;
    return fail(
      PUBLICATION_CHECK,
      'Macie does not publish sensitive-data findings to Security Hub, so there is nothing there to update: ' +
        `aws macie2 put-findings-publication-configuration --security-hub-configuration publishClassificationFindings=true,publishPolicyFindings=${policy}`,
    );
  } catch (err) {
    // Unknown rather than wrong: the operator's credentials may lack a read the stack itself never needs.
    if (err instanceof Error && err.name === 'AccessDeniedException')
      return skip(
        PUBLICATION_CHECK,
        `cannot be checked: the credentials may not call macie2:GetFindingsPublicationConfiguration (${reasonOf(err)})`,
      );
    return fail(PUBLICATION_CHECK, `GetFindingsPublicationConfiguration failed: ${reasonOf(err)}`);
  }
}

export { checkPublication, PUBLICATION_CHECK };
