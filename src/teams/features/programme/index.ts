/** Programme setup and school leaders: "setup"/"traject", "leaders"/"leiders" and their card verbs. */
import { z } from 'zod';
import type { Router } from '../../router';
import {
  addLeadersAction,
  LeadersData,
  SaveData,
  saveProgramme,
  showLeaders,
  showNewProgramme,
  showSetup,
} from './handlers';

const NoData = z.object({});

export function register(router: Router): void {
  router
    .command({
      name: 'setup',
      helpKey: 'commands.setup',
      audience: 'leader',
      school: 'school',
      handler: (ctx) => showSetup(ctx),
    })
    .command({
      name: 'leaders',
      helpKey: 'commands.leaders',
      audience: 'leader',
      school: 'school',
      handler: (ctx) => showLeaders(ctx),
    })
    .verb('programme.show', { data: NoData, school: 'school', handler: (ctx) => showSetup(ctx) })
    .verb('programme.new', { data: NoData, school: 'school', handler: showNewProgramme })
    .verb('programme.save', { data: SaveData, school: 'school', handler: saveProgramme })
    .verb('leaders.show', { data: NoData, school: 'school', handler: (ctx) => showLeaders(ctx) })
    .verb('leaders.add', { data: LeadersData, school: 'school', handler: addLeadersAction });
}
