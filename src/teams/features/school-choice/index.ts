/** The "which school?" card's buttons: run the command the person typed, in the school they chose. */
import { z } from 'zod';
import { DomainError } from '../../../domain/errors';
import { forSchool } from '../../dispatch';
import { toMessage } from '../../results';
import type { Router } from '../../router';

const ChooseData = z.object({ command: z.string().min(1).max(40) });

export function register(router: Router): void {
  router.verb('school.choose', {
    data: ChooseData,
    school: 'school',
    handler: async (ctx) => {
      const spec = router.commandByWord(ctx.data.command);
      if (!spec || spec.school !== 'school') throw new DomainError('INVALID_INPUT', { field: 'command' });
      const results = await spec.handler({ ...ctx, command: ctx.data.command, args: '', text: ctx.data.command });
      const [first, ...rest] = Array.isArray(results) ? results : [results];
      // The card is answered with the first result; more (a digest per programme) follow as messages.
      for (const result of rest) {
        const message = toMessage(forSchool(result, ctx.school));
        if (message) await ctx.turn.sendActivity(message);
      }
      return first ?? { kind: 'none' };
    },
  });
}
