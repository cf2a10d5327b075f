/** Pairing: "pairs"/"tweetallen" and the pairing card's verbs (leaders only). */
import { z } from 'zod';
import type { Router } from '../../router';
import { ConfirmData, confirmPairing, pairingCardOf, showPairing } from './handlers';

export function register(router: Router): void {
  router
    .command({
      name: 'pairs',
      helpKey: 'commands.pairs',
      audience: 'leader',
      school: 'school',
      handler: (ctx) => showPairing(ctx),
    })
    .verb('pairing.show', { data: z.object({}), school: 'school', handler: (ctx) => showPairing(ctx) })
    .verb('pairing.confirm', { data: ConfirmData, school: 'school', handler: confirmPairing, card: pairingCardOf });
}
