/** Flow 5, after the visit: observations (with the judging-words check) and reflections. */
import type { Router } from '../../router';
import { VisitRef } from '../visits/common';
import {
  observationFormOf,
  observeCommand,
  openObservation,
  openReflection,
  readVisitNotes,
  reflectionFormOf,
  Submit,
  submitObservation,
  submitReflection,
} from './handlers';

export function register(router: Router): void {
  router
    .command({
      name: 'observe',
      helpKey: 'commands.observe',
      school: 'school',
      handler: observeCommand,
    })
    .verb('observation.open', { data: VisitRef, school: 'school', handler: openObservation })
    .verb('observation.submit', { data: Submit, school: 'school', handler: submitObservation, card: observationFormOf })
    .verb('observation.read', { data: VisitRef, school: 'school', handler: readVisitNotes })
    .verb('reflection.open', { data: VisitRef, school: 'school', handler: openReflection })
    .verb('reflection.submit', { data: Submit, school: 'school', handler: submitReflection, card: reflectionFormOf });
}
