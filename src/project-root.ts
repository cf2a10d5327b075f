/** The folder that holds package.json, found from this file (works from src/ and dist/src/). */
import fs from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

export function projectRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'cards'))) {
      cached = dir;
      return dir;
    }
    dir = path.dirname(dir);
  }
  throw new Error('Tweetal: cannot find the project folder (package.json with cards/) above ' + __dirname);
}
