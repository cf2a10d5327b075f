/** My data: "export", "delete"/"verwijder" and their card verbs (about the person, in every school). */
import { z } from 'zod';
import type { Router } from '../../router';
import { askDelete, DeleteData, deleteMyData, exportMyData } from './handlers';

export function register(router: Router): void {
  router
    .command({ name: 'export', helpKey: 'commands.export', school: 'none', handler: exportMyData })
    .command({
      name: 'delete',
      helpKey: 'commands.delete',
      school: 'none',
      handler: askDelete,
    })
    .verb('mydata.export', { data: z.object({}), school: 'none', handler: exportMyData })
    .verb('mydata.delete.ask', { data: z.object({}), school: 'none', handler: askDelete })
    .verb('mydata.delete', { data: DeleteData, school: 'none', handler: deleteMyData });
}
