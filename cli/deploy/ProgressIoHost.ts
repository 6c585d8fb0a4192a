import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import type { Output } from '../output';

/** The CDK app's own stderr (esbuild's bundling lines): noise while synth works, the explanation when it fails. */
const APP_STDERR = 'CDK_ASSEMBLY_E1002';

/**
 * Renders the CDK toolkit's messages as progress on stderr (stdout stays for the command's result): info and
 * results as they come, warnings as warnings, debug only with --verbose. Messages with a code listed in
 * `capture` are kept for the command instead (the diff's text). Questions (deploy IAM changes?) get their
 * default answer, yes: the admin asked for the deployment, and `--dry-run` is the way to look first.
 */
class ProgressIoHost implements IIoHost {
  private readonly captured = new Map<string, string[]>();
  private appStderr: string[] = [];

  constructor(
    private readonly output: Output,
    private readonly capture: readonly string[] = [],
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    const text = msg.message.trimEnd();
    if (text === '') return;
    if (msg.code && this.capture.includes(msg.code)) {
      this.captured.set(msg.code, [...(this.captured.get(msg.code) ?? []), text]);
      return;
    }
    if (msg.code === APP_STDERR) {
      this.appStderr.push(text);
      this.output.debug(text);
      return;
    }
    if (msg.level === 'error' || msg.level === 'warn') this.output.warn(text);
    else if (msg.level === 'info' || msg.level === 'result') this.output.info(text);
    else this.output.debug(text);
  }

  /** Answered with the default, as `cdk deploy --require-approval never` does; the question itself is debug. */
  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    this.output.debug(msg.message);
    return msg.defaultResponse;
  }

  /** The texts of the captured messages with this code, in order. */
  messages(code: string): string[] {
    return this.captured.get(code) ?? [];
  }

  /** What the CDK app wrote to stderr since the last call (its configuration errors land here). */
  takeAppStderr(): string {
    const text = this.appStderr.join('\n');
    this.appStderr = [];
    return text;
  }
}

export { ProgressIoHost };
