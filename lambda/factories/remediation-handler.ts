import type { APIGatewayProxyResult } from 'aws-lambda';
import { RemediateError } from '../../core/errors';
import { type ClickOptions, type ClickResult, handleClick } from '../../core/remediation/handle-click';
import type { ClickDeps } from '../../core/remediation/RemediationDeps';
import type { LookupGroupMembers } from '../../core/slack/group-members';
import { parseInteraction } from '../../core/slack/parse-interaction';
import { assertSigningSecret } from '../../core/slack/verify-request';
import type { Notifier } from '../../core/types/ports';
import type { Clock, Logger } from '../../core/types/runtime';
import { type ProxyEvent, reply, requestIdOf } from '../runtime/proxy-request';
import { verifiedBody } from '../runtime/verified-body';
import { withFields } from '../runtime/with-fields';

interface RemediationHandlerOptions {
  readonly deps: ClickDeps;
  /** Verifies every request; an empty one is refused at construction (ConfigError). */
  readonly signingSecret: string;
  readonly approval: ClickOptions['approval'];
  /** @default none: user-group approvers are refused */
  readonly lookupGroupMembers?: LookupGroupMembers;
  /** For ephemeral replies to the clicking user. @default none (refusals are only logged) */
  readonly notifier?: Notifier;
  /** @default deps.clock */
  readonly clock?: Clock;
  /** @default deps.logger */
  readonly logger?: Logger;
}

const STATUS: Readonly<Record<ClickResult['status'], number>> = {
  accepted: 200,
  // Slack shows the user nothing useful for a non-200; the ephemeral reply has told them.
  'not-authorized': 200,
  refused: 200,
  'unknown-action': 400,
  'unknown-finding': 404,
};

/**
 * Slack interactivity: verify the signature on the raw body before parsing anything, then hand the click to
 * core (re-read, authorize, claim, progress message, dispatch) and answer at once, within Slack's 3 seconds.
 */
function createRemediationHandler(options: RemediationHandlerOptions) {
  assertSigningSecret(options.signingSecret);
  const { deps } = options;
  const clock = options.clock ?? deps.clock;
  const lookupGroupMembers = options.lookupGroupMembers ?? (() => Promise.reject(new Error('no user-group lookup')));
  return async (event: ProxyEvent): Promise<APIGatewayProxyResult> => {
    let logger = withFields(options.logger ?? deps.logger, { correlationId: requestIdOf(event) });
    try {
      const body = verifiedBody(event, options.signingSecret, clock().getTime(), logger);
      if ('refused' in body) return body.refused;
      const click = parseInteraction(body.rawBody);
      logger = withFields(logger, { correlationId: click.triggerId ?? requestIdOf(event), findingId: click.value });
      const result = await handleClick({ ...deps, logger }, click, {
        approval: options.approval,
        lookupGroupMembers,
        ...(options.notifier ? { notifier: options.notifier } : {}),
      });
      return reply(STATUS[result.status], result.status === 'accepted' ? '' : result.reason);
    } catch (err) {
      if (RemediateError.isUserError(err)) {
        logger.warn('request refused', { reason: err.message });
        return reply(400, err.message);
      }
      logger.error('request failed', { error: err instanceof Error ? err.message : String(err) });
      return reply(500, 'internal error');
    }
  };
}

export type { RemediationHandlerOptions };
export { createRemediationHandler };
