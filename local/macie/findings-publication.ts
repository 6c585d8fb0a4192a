import { z } from 'zod';
import { parseInput } from './macie-inputs';

/** What Macie publishes to Security Hub (GET/PUT /findings-publication-configuration). */
interface SecurityHubConfiguration {
  readonly publishClassificationFindings: boolean;
  readonly publishPolicyFindings: boolean;
}

/** The model requires both members whenever the structure is sent. */
const putInput = z.object({
  clientToken: z.string().optional(),
  securityHubConfiguration: z
    .object({ publishClassificationFindings: z.boolean(), publishPolicyFindings: z.boolean() })
    .optional(),
});

/** Macie's settings for publishing findings to Security Hub; a new account publishes only policy findings. */
class FindingsPublication {
  private config: SecurityHubConfiguration;

  constructor(publishClassificationFindings = false) {
    this.config = { publishClassificationFindings, publishPolicyFindings: true };
  }

  get(): { securityHubConfiguration: SecurityHubConfiguration } {
    return { securityHubConfiguration: this.config };
  }

  /** Answers {} (the model's empty response); a request without the structure changes nothing. */
  put(body: unknown): Record<string, never> {
    const { securityHubConfiguration } = parseInput(putInput, body);
    if (securityHubConfiguration) this.config = securityHubConfiguration;
    return {};
  }
}

export type { SecurityHubConfiguration };
export { FindingsPublication };
