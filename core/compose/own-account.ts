import { ConfigError } from '../errors';
import type { OwnAccount } from '../types/ports';
import type { Settings } from '../types/settings';

/**
 * The own account: the one the stack told its Lambdas (`accountId`), else `lookup`'s answer (the CLI asks
 * STS GetCallerIdentity), asked once and remembered; a failed lookup is asked again next time.
 */
function ownAccountOf(settings: Settings, lookup?: OwnAccount): OwnAccount {
  const { accountId } = settings;
  if (accountId) return () => Promise.resolve(accountId);
  if (!lookup) {
    return () =>
      Promise.reject(
        new ConfigError(['account id is not set: the stack sets MACIE_REMEDIATE_ACCOUNT_ID on its functions']),
      );
  }
  let asked: Promise<string> | undefined;
  return () => {
    asked ??= lookup().catch((err: unknown) => {
      asked = undefined;
      throw err;
    });
    return asked;
  };
}

export { ownAccountOf };
