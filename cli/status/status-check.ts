/** One line of `status`: what was checked, whether it holds, and what is wrong or missing. */
interface StatusCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  /** Could not be checked from here (nothing known to be wrong): shown as such, not counted as a failure. */
  readonly skipped?: boolean;
}

const pass = (check: string, detail: string): StatusCheck => ({ check, ok: true, detail });
const fail = (check: string, detail: string): StatusCheck => ({ check, ok: false, detail });
const skip = (check: string, detail: string): StatusCheck => ({ check, ok: true, detail, skipped: true });

/** The first line of an error's message: SDK messages can run on. */
const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

export type { StatusCheck };
export { fail, pass, reasonOf, skip };
