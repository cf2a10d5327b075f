/** Flow 4, plan a visit: the plan/plannen command and the visit card's verbs. */
import { z } from 'zod';
import type { Router } from '../../router';
import { VisitRef, VisitRevision } from './common';
import {
  cancelVisit,
  confirmVisit,
  counterPropose,
  openPlan,
  PlanSubmit,
  planCardOf,
  planOrOpenVisit,
  showVisit,
  submitPlan,
  visitCardOf,
} from './handlers';
import { confirmDeleted, confirmVideo } from './video-handlers';

export function register(router: Router): void {
  router
    .command({ name: 'plan', helpKey: 'commands.plan', school: 'school', handler: planOrOpenVisit })
    .verb('visit.plan.open', { data: z.object({}), school: 'school', handler: openPlan })
    .verb('visit.plan.submit', { data: PlanSubmit, school: 'school', handler: submitPlan, card: planCardOf })
    .verb('visit.show', { data: VisitRef, school: 'school', handler: showVisit })
    .verb('visit.refresh', { data: VisitRef, school: 'school', handler: showVisit })
    .verb('visit.confirm', { data: VisitRevision, school: 'school', handler: confirmVisit, card: visitCardOf })
    .verb('visit.counter', { data: VisitRevision, school: 'school', handler: counterPropose, card: visitCardOf })
    .verb('visit.cancel', { data: VisitRevision, school: 'school', handler: cancelVisit, card: visitCardOf })
    .verb('visit.video.confirm', { data: VisitRef, school: 'school', handler: confirmVideo, card: visitCardOf })
    .verb('visit.video.deleted', { data: VisitRef, school: 'school', handler: confirmDeleted, card: visitCardOf });
}
