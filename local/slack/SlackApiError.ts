/** A Web API failure: answered as HTTP 200 `{ok: false, error, ...extra}`, like Slack. */
class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(error);
    this.name = 'SlackApiError';
  }

  toReply() {
    return { ok: false, error: this.error, ...this.extra };
  }
}

export { SlackApiError };
