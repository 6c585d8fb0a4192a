import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { openSuppressions } from '../open-suppressions';
import { renderStyles } from '../render/render-style';
import { renderSuppressions, type SuppressionRow } from '../render/suppressions';

/** `list suppressions`: the Macie findings filters this tool made (by their name), in Macie's order. */
async function listSuppressions(ctx: CommandContext): Promise<number> {
  const rows: SuppressionRow[] = [];
  for await (const s of openSuppressions(ctx).list()) {
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

export { listSuppressions };
