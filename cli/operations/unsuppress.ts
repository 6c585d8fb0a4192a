import { InvalidInputError } from '../../core/errors';
import { isOurSuppression, SUPPRESSION_PREFIX } from '../../core/macie/suppression-rule';
import type { Suppressions } from '../../core/types/ports';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { openSuppressions } from '../open-suppressions';
import { terminalText } from '../render/terminal-text';
import { confirm } from '../terminal-prompts';

interface UnsuppressOptions {
  readonly yes?: boolean;
}

/**
 * `unsuppress <name...>`: deletes findings filters this tool made. Every name is checked before any is
 * deleted, so a mistyped or foreign name leaves all of them in place. Later findings of what a filter
 * covered are announced again; findings it already archived stay archived.
 */
async function unsuppress(ctx: CommandContext, names: readonly string[], options: UnsuppressOptions): Promise<number> {
  const foreign = names.find((name) => !isOurSuppression(name));
  if (foreign !== undefined) {
    throw new InvalidInputError(
      'USAGE',
      `${foreign}: not a suppression of macie-remediate (its names start with ${SUPPRESSION_PREFIX}); nothing deleted`,
    );
  }
  const suppressions = openSuppressions(ctx);
  const existing = new Set<string>();
  for await (const s of suppressions.list()) existing.add(s.name);
  const missing = names.find((name) => !existing.has(name));
  if (missing !== undefined) {
    throw new InvalidInputError(
      'USAGE',
      `${missing}: no such suppression (see \`macie-remediate list suppressions\`); nothing deleted`,
    );
  }
  const unique = [...new Set(names)];
  if (!options.yes) {
    if (!ctx.io.interactive) {
      throw new InvalidInputError(
        'USAGE',
        `refusing to delete ${unique.length} suppression(s) without confirmation: pass --yes (there is no terminal to ask on)`,
      );
    }
    if (
      !(await confirm(
        ctx.io,
        `Delete ${unique.length} suppression(s)? Later findings they cover will be reported again.`,
      ))
    ) {
      ctx.output.info('Cancelled: nothing changed.');
      return EXIT.OK;
    }
  }
  const results: { name: string; result: Awaited<ReturnType<Suppressions['remove']>> }[] = [];
  // 'not-found' here is a filter deleted meanwhile: what was asked for holds.
  for (const name of unique) results.push({ name, result: await suppressions.remove(name) });
  ctx.output.result(results, () => results.map((r) => `${r.result}: ${terminalText(r.name)}`).join('\n'));
  return EXIT.OK;
}

export type { UnsuppressOptions };
export { unsuppress };
