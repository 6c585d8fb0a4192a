import type { Macie2Client } from '@aws-sdk/client-macie2';
import { fail, pass, reasonOf, type StatusCheck } from './status-check';

const CHECK = 'macie';

/** GetMacieSession. A disabled account answers AccessDeniedException "Macie is not enabled.". */
async function checkMacie(macie: Macie2Client, region: string): Promise<StatusCheck> {
  const { GetMacieSessionCommand } = require('@aws-sdk/client-macie2') as typeof import('@aws-sdk/client-macie2');
  try {
    const session = await macie.send(new GetMacieSessionCommand({}));
    if (session.status === 'ENABLED') return pass(CHECK, `enabled in ${region}`);
    return fail(
      CHECK,
      `${session.status} in ${region}: no new findings (aws macie2 update-macie-session --status ENABLED)`,
    );
  } catch (err) {
    if (err instanceof Error && err.name === 'AccessDeniedException')
      return /not enabled/i.test(err.message)
        ? fail(CHECK, `not enabled in ${region}: enable it (aws macie2 enable-macie, or the Macie console)`)
        : fail(CHECK, `access denied: the credentials may not call macie2:GetMacieSession (${reasonOf(err)})`);
    return fail(CHECK, `GetMacieSession failed: ${reasonOf(err)}`);
  }
}

export { checkMacie };
