import type { Request } from 'restify';

/** A named path parameter of a restify route as a string ('' when absent or not a string). */
export function routeParam(req: Request, name: string): string {
  const params: unknown = req.params;
  if (!params || typeof params !== 'object') return '';
  const value = (params as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}
