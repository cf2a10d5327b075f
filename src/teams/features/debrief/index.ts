/** Flow 6, debrief (nagesprek): propose moments, pick one, record agreements and next step. */
import type { Router } from '../../router';
import { VisitRef, VisitRevision } from '../visits/common';
import { visitCardOf } from '../visits/handlers';
import {
  debriefCommand,
  openPropose,
  openRecord,
  pick,
  PickData,
  proposeCardOf,
  recordCardOf,
  submitPropose,
  RecordSubmit,
  submitRecord,
} from './handlers';

export function register(router: Router): void {
  router
    .command({
      name: 'debrief',
      helpKey: 'commands.debrief',
      school: 'school',
      handler: debriefCommand,
    })
    .verb('debrief.propose.open', { data: VisitRef, school: 'school', handler: openPropose })
    .verb('debrief.propose.submit', {
      data: VisitRevision,
      school: 'school',
      handler: submitPropose,
      card: proposeCardOf,
    })
    .verb('debrief.pick', { data: PickData, school: 'school', handler: pick, card: visitCardOf })
    .verb('debrief.record.open', { data: VisitRef, school: 'school', handler: openRecord })
    .verb('debrief.record.submit', {
      data: RecordSubmit,
      school: 'school',
      handler: submitRecord,
      card: recordCardOf,
    });
}
