/** Every feature registers its commands and card verbs here. */
import { Router } from '../router';
import { register as help } from './help';
import { register as digest } from './digest';
import { register as nudges } from './nudges';
import { register as visits } from './visits';
import { register as observations } from './observations';
import { register as debrief } from './debrief';
import { register as status } from './status';
import { register as programme } from './programme';
import { register as profile } from './profile';
import { register as pairing } from './pairing';
import { register as switchPartner } from './switch';
import { register as myData } from './my-data';
import { register as schoolChoice } from './school-choice';
import { registerLeaderVerbs as needsLeader } from './needs/leader-verbs';
import { registerPairVerbs as needsPair } from './needs/pair-verbs';

export function createRouter(): Router {
  const router = new Router();
  help(router);
  digest(router);
  nudges(router);
  visits(router);
  observations(router);
  debrief(router);
  status(router);
  programme(router);
  profile(router);
  pairing(router);
  switchPartner(router);
  myData(router);
  schoolChoice(router);
  needsLeader(router);
  needsPair(router);
  return router;
}
