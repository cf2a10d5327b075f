/** Every feature registers its commands and card verbs here. */
import { Router } from '../router';
import { register as help } from './help';

export function createRouter(): Router {
  const router = new Router();
  help(router);
  return router;
}
