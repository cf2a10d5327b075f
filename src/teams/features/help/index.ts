/** Help: "help"/"hulp", any unknown text ("I did not understand …" with the help), and the help button on cards. */
import { z } from 'zod';
import type { Router } from '../../router';
import { helpCard } from './help-card';

export function register(router: Router): void {
  router
    .command({
      name: 'help',
      helpKey: 'commands.help',
      school: 'none',
      handler: async (ctx) => helpCard(router, ctx),
    })
    .otherwise(async (ctx) => helpCard(router, ctx, ctx.text))
    .verb('help.show', { data: z.object({}), school: 'none', handler: async (ctx) => helpCard(router, ctx) });
}
