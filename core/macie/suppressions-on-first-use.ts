import { awsClientConfig } from '../aws/aws-client-config';
import type { Suppressions } from '../types/ports';
import type { Settings } from '../types/settings';

/**
 * Suppressions whose Macie client is loaded and made at the first call (then the same one): most clicks
 * suppress nothing, so the click handler does not pay for loading client-macie2 (BENCHMARKS.md, "Module load").
 */
function suppressionsOnFirstUse(settings: Settings): Suppressions {
  let made: Suppressions | undefined;
  const get = (): Suppressions => {
    if (!made) {
      const { Macie2Client, MacieSuppressions } = require('./macie-sdk') as typeof import('./macie-sdk');
      made = new MacieSuppressions({ client: new Macie2Client(awsClientConfig(settings)) });
    }
    return made;
  };
  return {
    suppress: (rule) => get().suppress(rule),
    list: () => get().list(),
    remove: (name) => get().remove(name),
  };
}

export { suppressionsOnFirstUse };
