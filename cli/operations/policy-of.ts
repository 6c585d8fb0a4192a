import type { PolicyConfig } from '../../core/types/policy';
import type { Settings } from '../../core/types/settings';

/** The policy part of the settings: what `list findings` decides with, as the pipeline does. */
const policyOf = (settings: Settings): PolicyConfig => ({
  autoRemediateConfig: settings.autoRemediateConfig,
  minSeverity: settings.minSeverity,
  sourceBuckets: settings.sourceBuckets,
});

export { policyOf };
