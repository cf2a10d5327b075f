/** Programme setup and school leaders: "setup"/"traject", "leaders"/"leiders" and their card verbs. */
import type { Router } from '../../router';
import { answeringErrors } from './explain';
import { addLeadersAction, saveProgramme, showLeaders, showNewProgramme, showSetup } from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['setup', 'traject'],
      helpKey: 'commands.setup',
      audience: 'leader',
      handler: answeringErrors((ctx) => showSetup(ctx)),
    })
    .command({
      words: ['leaders', 'leiders'],
      helpKey: 'commands.leaders',
      audience: 'leader',
      handler: answeringErrors((ctx) => showLeaders(ctx)),
    })
    .verb('programme.show', (ctx) => showSetup(ctx))
    .verb('programme.new', (ctx) => showNewProgramme(ctx))
    .verb('programme.save', saveProgramme)
    .verb('leaders.show', (ctx) => showLeaders(ctx))
    .verb('leaders.add', addLeadersAction);
}
