import type { Suppressions } from '../core/types/ports';
import type { CommandContext } from './context';

/** The findings filters this tool made, over the command's Macie client. */
function openSuppressions(ctx: CommandContext): Suppressions {
  const { MacieSuppressions } =
    require('../core/macie/MacieSuppressions') as typeof import('../core/macie/MacieSuppressions');
  return new MacieSuppressions({ client: ctx.clients().macie });
}

export { openSuppressions };
