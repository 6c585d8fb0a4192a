import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import type { Output } from '../output';

/** The CDK app's own stderr (esbuild's bundling lines): noise while synth works, the explanation when it fails. */
const APP_STDERR = 'CDK_ASSEMBLY_E1002';
/** "Do you wish to deploy these changes?", asked before every stack deployment with the diff and its IAM impact. */
const CONFIRM_DEPLOY = 'CDK_TOOLKIT_I5060';

/** Decides on IAM-widening changes, given the toolkit's table of them. */
type ApproveBroadening = (securityDiff: string) => Promise<boolean>;

/** The toolkit's PermissionChangeType for changes that widen IAM permissions. */
const isBroadening = (data: unknown): boolean =>
  (data as { permissionChangeType?: string } | undefined)?.permissionChangeType === 'broadening';

/**
 * Renders the CDK toolkit's messages as progress on stderr (stdout stays for the command's result): info and
 * results as they come, warnings as warnings, debug only with --verbose. Messages with a code listed in
 * `capture` are kept for the command instead (the diff's text). A deployment that widens IAM permissions is
 * put to `approveBroadening`; every other question gets its default answer, yes, as with
 * `cdk deploy --require-approval broadening`.
 */
class ProgressIoHost implements IIoHost {
  private readonly captured = new Map<string, string[]>();
  private appStderr: string[] = [];

  constructor(
    private readonly output: Output,
    private readonly capture: readonly string[] = [],
    private readonly approveBroadening?: ApproveBroadening,
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

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (msg.code === CONFIRM_DEPLOY && this.approveBroadening && isBroadening(msg.data)) {
      // The message is the IAM diff, then a paragraph with the toolkit's own question: the approver asks its own.
      const end = msg.message.lastIndexOf('\n\n');
      return (await this.approveBroadening(end > 0 ? msg.message.slice(0, end) : msg.message)) as T;
    }
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

export type { ApproveBroadening };
export { ProgressIoHost };
