/** Help: "help"/"hulp", any unknown text, and the help button on cards. */
import { z } from 'zod';
import type { Router } from '../../router';
import { helpCard } from './help-card';

export function register(router: Router): void {
  router
    .command({
      words: ['help', 'hulp', '?'],
      helpKey: 'commands.help',
      school: 'none',
      handler: async (ctx) => helpCard(router, ctx),
    })
    .otherwise(async (ctx) => helpCard(router, ctx))
    .verb('help.show', { data: z.object({}), school: 'none', handler: async (ctx) => helpCard(router, ctx) });
}
