/** Pairing: "pairs"/"tweetallen" and the pairing card's verbs (leaders only). */
import type { Router } from '../../router';
import { answeringErrors } from '../programme/explain';
import { confirmPairing, showPairing } from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['pairs', 'tweetallen'],
      helpKey: 'commands.pairs',
      audience: 'leader',
      handler: answeringErrors((ctx) => showPairing(ctx)),
    })
    .verb('pairing.show', (ctx) => showPairing(ctx))
    .verb('pairing.confirm', confirmPairing);
}
