/** Flow 4, plan a visit: the plan/plannen command and the visit card's verbs. */
import type { Router } from '../../router';
import { guarded, guardedCommand } from './common';
import {
  cancelVisit,
  confirmVisit,
  counterPropose,
  openPlan,
  planOrOpenVisit,
  showVisit,
  submitPlan,
} from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['plan', 'plannen'],
      helpKey: 'commands.plan',
      handler: guardedCommand(async (ctx) => planOrOpenVisit(ctx)),
    })
    .verb('visit.plan.open', guarded(openPlan))
    .verb('visit.plan.submit', guarded(submitPlan))
    .verb('visit.show', guarded(showVisit))
    .verb('visit.refresh', guarded(showVisit))
    .verb('visit.confirm', guarded(confirmVisit))
    .verb('visit.counter', guarded(counterPropose))
    .verb('visit.cancel', guarded(cancelVisit));
}
