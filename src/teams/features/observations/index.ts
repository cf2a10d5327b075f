/** Flow 5, after the visit: observations (with the judging-words check) and reflections. */
import type { Router } from '../../router';
import { guarded, guardedCommand } from '../visits/common';
import {
  observeCommand,
  openObservation,
  openReflection,
  readVisitNotes,
  submitObservation,
  submitReflection,
} from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['observe', 'observatie', 'observation'],
      helpKey: 'commands.observe',
      handler: guardedCommand(observeCommand),
    })
    .verb('observation.open', guarded(openObservation))
    .verb('observation.submit', guarded(submitObservation))
    .verb('observation.read', guarded(readVisitNotes))
    .verb('reflection.open', guarded(openReflection))
    .verb('reflection.submit', guarded(submitReflection));
}
