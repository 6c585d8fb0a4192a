/** A value normalised, or what is wrong with it, phrased to follow the value (`must be …`). */
type RuleResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** One setting's validation and normalisation, shared by the loader and `init`'s prompts. */
type Rule<T> = (input: string) => RuleResult<T>;

const ok = <T>(value: T): RuleResult<T> => ({ ok: true, value });
const fail = (problem: string): RuleResult<never> => ({ ok: false, problem });

/** A rule as a prompt validator: the problem, or undefined when the value is fine. */
const problemOf =
  <T>(rule: Rule<T>) =>
  (input: string): string | undefined => {
    const result = rule(input);
    return result.ok ? undefined : result.problem;
  };

/** An absolute http(s) URL. Plain http is allowed: local stand-ins serve it. */
const httpUrlRule: Rule<string> = (input) => {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('must be an http(s) URL');
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? ok(url.href) : fail('must be an http(s) URL');
};

/** `true` or `false`, any case: how an environment variable spells a switch. */
const booleanRule: Rule<boolean> = (input) => {
  const value = input.trim().toLowerCase();
  if (value === 'true') return ok(true);
  if (value === 'false') return ok(false);
  return fail('must be true or false');
};

export type { Rule, RuleResult };
export { booleanRule, fail, httpUrlRule, ok, problemOf };
