/** Switch partner: "switch"/"wissel" for pair members; re-pairing verbs for leaders. */
import type { Router } from '../../router';
import { answeringErrors } from '../programme/explain';
import { repair, showRepair, showSwitchRequest, submitSwitchRequest } from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['switch', 'wissel'],
      helpKey: 'commands.switch',
      handler: answeringErrors((ctx) => showSwitchRequest(ctx)),
    })
    .verb('switch.show', (ctx) => showSwitchRequest(ctx))
    .verb('switch.request', submitSwitchRequest)
    .verb('switch.repair.show', showRepair)
    .verb('switch.repair', repair);
}
