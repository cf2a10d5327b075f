/** My data: "export", "delete"/"verwijder" and their card verbs. */
import type { Router } from '../../router';
import { answeringErrors } from '../programme/explain';
import { askDelete, deleteMyData, exportMyData } from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['export', 'exporteer'],
      helpKey: 'commands.export',
      handler: answeringErrors((ctx) => exportMyData(ctx)),
    })
    .command({
      words: ['delete', 'verwijder', 'verwijderen'],
      helpKey: 'commands.delete',
      handler: answeringErrors((ctx) => askDelete(ctx)),
    })
    .verb('mydata.export', (ctx) => exportMyData(ctx))
    .verb('mydata.delete.ask', (ctx) => askDelete(ctx))
    .verb('mydata.delete', deleteMyData);
}
