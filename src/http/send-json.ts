import type { Response } from 'restify';
import { jsonText } from '../domain/json-text';

/**
 * Answers `body` as JSON, as res.json does (Content-Type application/json), but written with
 * jsonText: a remembered card in the body is written from the text kept with it, not
 * stringified again for every refresh (issue 12).
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  const text = jsonText(body);
  res.sendRaw(status, text, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
}
