/** Profiles: "profile"/"profiel" and the card's verbs. */
import type { Router } from '../../router';
import { answeringErrors } from '../programme/explain';
import { saveProfileAction, showProfile } from './handlers';

export function register(router: Router): void {
  router
    .command({
      words: ['profile', 'profiel'],
      helpKey: 'commands.profile',
      handler: answeringErrors((ctx) => showProfile(ctx)),
    })
    .verb('profile.show', (ctx) => showProfile(ctx))
    .verb('profile.save', saveProfileAction);
}
