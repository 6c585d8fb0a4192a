import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * Where events end up that every retry failed to deliver: the EventBridge target's DLQ and the
 * on-failure destination of the functions' asynchronous invocations. One queue, one place to look.
 */
class FailureQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      // SSE-SQS: EventBridge can deliver to it without a key policy, and it costs nothing at rest.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}

export { FailureQueue };
