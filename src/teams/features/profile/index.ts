/** Profiles: "profile"/"profiel" and the card's verbs. */
import { z } from 'zod';
import type { Router } from '../../router';
import { SaveData, saveProfileAction, showProfile } from './handlers';

export function register(router: Router): void {
  router
    .command({
      name: 'profile',
      helpKey: 'commands.profile',
      school: 'school',
      handler: (ctx) => showProfile(ctx),
    })
    .verb('profile.show', { data: z.object({}), school: 'school', handler: (ctx) => showProfile(ctx) })
    .verb('profile.save', { data: SaveData, school: 'school', handler: saveProfileAction });
}
