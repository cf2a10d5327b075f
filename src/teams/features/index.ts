/** Every feature registers its commands and card verbs here. */
import { Router } from '../router';
import { register as help } from './help';
import { register as digest } from './digest';
import { register as nudges } from './nudges';
import { register as programme } from './programme';

export function createRouter(): Router {
  const router = new Router();
  help(router);
  digest(router);
  nudges(router);
  programme(router);
  return router;
}
