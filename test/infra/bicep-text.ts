/**
 * Textual reading of infra/main.bicep and src/config.ts for test/infra (no Bicep compiler offline).
 * Just enough of Bicep: param declarations with their decorators, and the top-level keys of an
 * object literal (strings with ${…} interpolation and // comments are skipped correctly).
 */

export interface BicepParam {
  readonly name: string;
  readonly type: string;
  readonly hasDefault: boolean;
  readonly decorators: readonly string[];
}

/** Every `param name type [= default]` with the decorators on the lines above it. */
export function bicepParams(bicep: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  for (const raw of bicep.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('@')) {
      decorators.push(line);
      continue;
    }
    const match = /^param\s+([A-Za-z_]\w*)\s+([A-Za-z_]\w*(?:\[\])?)\s*(=.*)?$/.exec(line);
    if (match) params.push({ name: match[1], type: match[2], hasDefault: match[3] !== undefined, decorators });
    if (line !== '' && !line.startsWith('//')) decorators = [];
  }
  return params;
}

/** Index just past the `{…}` block that opens at `open` (which must be a `{`). */
function blockEnd(text: string, open: number): number {
  if (text[open] !== '{') throw new Error(`expected { at ${open}`);
  // Stack of contexts: 'code' (inside braces) or 'string' (inside '…', where ${ opens code).
  const stack: Array<'code' | 'string'> = ['code'];
  let i = open + 1;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (top === 'string') {
      if (c === '\\') i += 2;
      else if (c === "'") {
        stack.pop();
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        stack.push('code');
        i += 2;
      } else i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return text.length;
    } else if (c === "'") {
      stack.push('string');
      i++;
    } else if (c === '{') {
      stack.push('code');
      i++;
    } else if (c === '}') {
      stack.pop();
      i++;
      if (stack.length === 0) return i;
    } else i++;
  }
  throw new Error('unbalanced braces');
}

/** The `resource <symbol> '<type>' = {…}` block's body. */
export function resourceBody(bicep: string, symbol: string): string {
  const match = new RegExp(`^resource\\s+${symbol}\\s+'[^']+'\\s*=\\s*\\{`, 'm').exec(bicep);
  if (!match) throw new Error(`resource ${symbol} not found`);
  const open = match.index + match[0].length - 1;
  return bicep.slice(open, blockEnd(bicep, open));
}

/** The object literal after `key:` at the top level of `body` (a `{…}` block). */
export function objectProperty(body: string, key: string): string {
  const entries = topLevelEntries(body);
  const value = entries.get(key);
  if (value === undefined || !value.startsWith('{')) throw new Error(`${key}: {…} not found`);
  return value;
}

/** The top-level `key: value` entries of a `{…}` block, values as raw text (comments dropped). */
export function topLevelEntries(block: string): Map<string, string> {
  const entries = new Map<string, string>();
  const inner = block.slice(1, -1);
  let i = 0;
  while (i < inner.length) {
    const rest = inner.slice(i);
    const blank = /^(\s+|\/\/[^\n]*)/.exec(rest);
    if (blank) {
      i += blank[0].length;
      continue;
    }
    const key = /^('?)([A-Za-z_$][\w$.-]*)\1\s*:\s*/.exec(rest);
    if (!key) throw new Error(`cannot read entry at: ${rest.slice(0, 40)}`);
    i += key[0].length;
    const start = i;
    if (inner[i] === '{') {
      // A nested object: skip it as a whole (offsets relative to the block, which starts one earlier).
      i = blockEnd(block, i + 1) - 1;
    } else {
      // A one-line value; strings may hold ${…} with braces, so walk it as a block-free line.
      let depth = 0;
      let inString = false;
      while (i < inner.length) {
        const c = inner[i];
        if (inString) {
          if (c === "'") inString = false;
          else if (c === '\\') i++;
        } else if (c === "'") inString = true;
        else if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') depth--;
        else if ((c === '\n' || (c === '/' && inner[i + 1] === '/')) && depth === 0) break;
        i++;
      }
    }
    entries.set(key[2], inner.slice(start, i).trim());
  }
  return entries;
}

/** Every environment key src/config.ts reads: text/oneOf/integer/bool/url/origin(env, 'KEY', …), env.KEY, env['KEY']. */
export function configKeys(source: string): string[] {
  const configSource = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
  const keys = new Set<string>();
  for (const m of configSource.matchAll(
    /\b(?:text|oneOf|integer|bool|url|origin|guidOr)\s*(?:<[^>(]*>)?\(\s*env\s*,\s*['"]([^'"]+)['"]/g,
  ))
    keys.add(m[1]);
  for (const m of configSource.matchAll(/\benv\.([A-Za-z_]\w*)/g)) keys.add(m[1]);
  for (const m of configSource.matchAll(/\benv\[\s*['"]([^'"]+)['"]\s*\]/g)) keys.add(m[1]);
  return [...keys].sort();
}
