import { PassThrough, Writable } from 'node:stream';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalStack } from '../../local/stack/LocalStack';
import { AwsClients } from '../aws-clients';
import type { CliIO } from '../io';
import { main } from '../main';

/** A writable that keeps what was written. */
class Captured extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * The CLI's clients with the stack's own ledger client: the SDK takes credentials and endpoints from this
 * process's environment, not from the stack's, which a command here runs with.
 */
class StackClients extends AwsClients {
  constructor(
    settings: ConstructorParameters<typeof AwsClients>[0],
    env: ConstructorParameters<typeof AwsClients>[1],
    private readonly stackDynamo: DynamoDBClient,
  ) {
    super(settings, env);
  }

  override get dynamo(): DynamoDBClient {
    return this.stackDynamo;
  }
}

/**
 * Runs one macie-remediate command that reads the ledger (`list quarantined`, `history`) in this process,
 * with the stack's printed environment as a user's other terminal would, and resolves to its exit code and
 * output. Commands that reach other services need them in this process's environment.
 */
async function runCommand(
  stack: LocalStack,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Captured();
  const stderr = new Captured();
  const io: CliIO = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    interactive: false,
    env: stack.env,
    // The state dir: no cdk.json or remembered stack outputs of a project directory apply.
    cwd: stack.stateDir,
    factory: { clients: (settings, env) => new StackClients(settings, env, stack.dynamo) },
  };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export { runCommand };
