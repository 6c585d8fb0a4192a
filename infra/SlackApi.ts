import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The route Slack's interactivity Request URL points at (the same path `serve` answers locally). */
const SLACK_ACTIONS_PATH = '/slack/actions';

/** Who called, when, with what result; never headers or the body, which carry Slack's signature and payload. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
};

interface SlackApiProps {
  readonly handler: IFunction;
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetentionDays: number;
}

/**
 * An HTTP API (not REST): one route, no per-hour cost, a third of REST's request price. Slack cannot
 * sign with IAM or Cognito, so the handler authenticates every request by its Slack signature.
 * Request size: HTTP APIs have no body-size setting; Lambda caps the payload at 6 MB and the
 * handler rejects bodies above its own small limit before verifying or parsing them.
 */
class SlackApi extends Construct {
  readonly api: HttpApi;
  readonly route: HttpRoute;
  readonly stage: HttpStage;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: SlackApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'macie-remediate: Slack interactivity',
      createDefaultStage: false,
    });
    this.route = new HttpRoute(this, 'SlackActions', {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(SLACK_ACTIONS_PATH, HttpMethod.POST),
      integration: new HttpLambdaIntegration('SlackActionsIntegration', props.handler),
    });
    this.logGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.logGroup),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The full interactivity Request URL to give Slack (the `$default` stage has no path prefix). */
  get actionsUrl(): string {
    return `${this.api.apiEndpoint}${SLACK_ACTIONS_PATH}`;
  }
}

export type { SlackApiProps };
export { SLACK_ACTIONS_PATH, SlackApi };
