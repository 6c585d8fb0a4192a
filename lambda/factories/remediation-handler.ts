import type { APIGatewayProxyResult } from 'aws-lambda';
import { RemediateError } from '../../core/errors';
import { type ClickOptions, type ClickResult, handleClick } from '../../core/remediation/handle-click';
import type { ClickDeps } from '../../core/remediation/RemediationDeps';
import type { LookupGroupMembers } from '../../core/slack/group-members';
import { parseInteraction } from '../../core/slack/parse-interaction';
import { reasonErrors } from '../../core/slack/reason-modal';
import { assertSigningSecret } from '../../core/slack/verify-request';
import type { Notifier } from '../../core/types/ports';
import type { Clock, Logger } from '../../core/types/runtime';
import { type ProxyEvent, reply, replyJson, requestIdOf } from '../runtime/proxy-request';
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
  /** Actions whose buttons ask for a reason first. @default none */
  readonly reasonRequired?: ClickOptions['reasonRequired'];
  /** views.open, for the reason modal. @default none: a click that needs a reason is refused */
  readonly openView?: ClickOptions['openView'];
  /** @default deps.clock */
  readonly clock?: Clock;
  /** @default deps.logger */
  readonly logger?: Logger;
}

const STATUS: Readonly<Record<ClickResult['status'], number>> = {
  accepted: 200,
  'reason-asked': 200,
  // Slack keeps the modal open only for a 200 carrying response_action "errors".
  'reason-missing': 200,
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
        ...(options.reasonRequired ? { reasonRequired: options.reasonRequired } : {}),
        ...(options.openView ? { openView: options.openView } : {}),
      });
      if (result.status === 'reason-missing') return replyJson(200, reasonErrors(result.reason));
      // A submission's 200 closes the modal only when its body is empty; an ephemeral said why.
      const said = 'reason' in result && click.type === 'block_actions' ? result.reason : '';
      return reply(STATUS[result.status], said);
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
