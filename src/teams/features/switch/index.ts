/** Switch partner: "switch"/"wissel" for pair members; re-pairing verbs for leaders. */
import { z } from 'zod';
import type { Router } from '../../router';
import {
  repair,
  RepairData,
  RepairShowData,
  RequestData,
  showRepair,
  showSwitchRequest,
  submitSwitchRequest,
} from './handlers';

export function register(router: Router): void {
  router
    .command({
      name: 'switch',
      helpKey: 'commands.switch',
      school: 'school',
      handler: (ctx) => showSwitchRequest(ctx),
    })
    .verb('switch.show', { data: z.object({}), school: 'school', handler: (ctx) => showSwitchRequest(ctx) })
    .verb('switch.request', { data: RequestData, school: 'school', handler: submitSwitchRequest })
    .verb('switch.repair.show', { data: RepairShowData, school: 'school', handler: showRepair })
    .verb('switch.repair', { data: RepairData, school: 'school', handler: repair });
}
