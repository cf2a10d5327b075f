/** Flow 6, debrief (nagesprek): propose moments, pick one, record agreements and next step. */
import type { Router } from '../../router';
import { guarded, guardedCommand } from '../visits/common';
import { debriefCommand, openPropose, openRecord, pick, submitPropose, submitRecord } from './handlers';

export function register(router: Router): void {
  router
    .command({ words: ['debrief', 'nagesprek'], helpKey: 'commands.debrief', handler: guardedCommand(debriefCommand) })
    .verb('debrief.propose.open', guarded(openPropose))
    .verb('debrief.propose.submit', guarded(submitPropose))
    .verb('debrief.pick', guarded(pick))
    .verb('debrief.record.open', guarded(openRecord))
    .verb('debrief.record.submit', guarded(submitRecord));
}
