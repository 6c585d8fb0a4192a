import { InvalidInputError } from '../../core/errors';
import { MacieSuppressions } from '../../core/macie/MacieSuppressions';
import { isOurSuppression, SUPPRESSION_PREFIX } from '../../core/macie/suppression-rule';
import type { Suppressions } from '../../core/types/ports';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { renderStyles } from '../render/render-style';
import { renderSuppressions, type SuppressionRow } from '../render/suppressions';
import { terminalText } from '../render/terminal-text';
import { confirm } from '../terminal-prompts';

const suppressionsOf = (ctx: CommandContext): Suppressions => new MacieSuppressions({ client: ctx.clients().macie });

/** `list suppressions`: the Macie findings filters this tool made (by their name), in Macie's order. */
async function listSuppressions(ctx: CommandContext): Promise<number> {
  const rows: SuppressionRow[] = [];
  for await (const s of suppressionsOf(ctx).list()) {
    rows.push({
      name: s.name,
      criteria: s.criterion,
      createdAt: s.createdAt ?? null,
      description: s.description ?? null,
    });
  }
  const style = renderStyles(ctx.io, ctx.output).stdout;
  ctx.output.result(rows, () => renderSuppressions(rows, style));
  return EXIT.OK;
}

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
  const suppressions = suppressionsOf(ctx);
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
      !(await confirm(ctx.io, `Delete ${unique.length} suppression(s)? Macie will report what they archived again.`))
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
export { listSuppressions, unsuppress };
