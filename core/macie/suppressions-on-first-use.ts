import { awsClientConfig } from '../aws/aws-client-config';
import { macieSdk, onFirstUse } from '../aws/sdk-on-first-use';
import type { Suppressions } from '../types/ports';
import type { Settings } from '../types/settings';
import { MacieSuppressions } from './MacieSuppressions';

/**
 * Suppressions whose Macie client is loaded and made at the first call (then the same one): most clicks
 * suppress nothing, so the click handler does not pay for loading client-macie2 (BENCHMARKS.md, "Module load").
 */
function suppressionsOnFirstUse(settings: Settings): Suppressions {
  const get = onFirstUse(
    () => new MacieSuppressions({ client: new (macieSdk().Macie2Client)(awsClientConfig(settings)) }),
  );
  return {
    suppress: (rule) => get().suppress(rule),
    list: () => get().list(),
    remove: (name) => get().remove(name),
  };
}

export { suppressionsOnFirstUse };
