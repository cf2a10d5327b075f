/**
 * The card templates expanded by compiled code (issue 12): the same results as
 * adaptivecards-templating's Template.expand for the part of the Adaptive Cards Template Language
 * our templates use — `${path}`, `${!x}`, `${x != ''}`, `${a || b}`, `${!a && b}`,
 * `${if(c, a, b)}`, text with `${…}` inside, `$data` (an object or a list to repeat for) and
 * `$when` — compiled once per template instead of walking the template and an expression tree
 * for every card (the library's property look-up alone compares every key in lower case). A
 * template using anything else is not compiled (`undefined`): render.ts expands it with the
 * library. A differential test expands every template with its sample and with changed, emptied
 * and missing values both ways and compares (test/cards/template-expander.test.ts).
 *
 * The library's rules kept here, from its source:
 *   - a property that is undefined shows as its expression, "${path}" (null stays null);
 *     inside `!`, `||`, `&&`, comparisons and the condition of `if` it stays undefined;
 *   - `!`, `||`, `&&` and `if` take everything as true except false, null and undefined (so
 *     empty text and 0 are true); `||` is true, else the value of its last part;
 *   - `!=` / `==` compare null and undefined as equal, else strictly (objects and lists by value);
 *   - `$when` holds only when it is the boolean true; `$data` that is a list repeats the object
 *     for each item (with `$index`), an item that is undefined keeps the data before it;
 *   - an object that is left out is null (left out of a list, kept as null in a property); a list
 *     inside a list is spliced in; the keys $data, $when, $root, $index, $host are dropped;
 *   - a property name is found regardless of case (the exact name first: our view models never
 *     have two names differing only in case).
 */
import { setOwn } from './own-property';

interface Scope {
  readonly root: unknown;
  readonly data: unknown;
  readonly index: number | undefined;
}

/** An expression: its value in a scope; `substitute` when an undefined property shows as "${path}". */
type Expression = (scope: Scope, substitute: boolean) => unknown;

/** A template node: its expansion in a scope. */
type Node = (scope: Scope) => unknown;

class Unsupported extends Error {}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const isTrue = (value: unknown): boolean => (typeof value === 'boolean' ? value : value != null);

function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  const object = instance as Record<string, unknown>;
  if (typeof instance === 'object' && Object.prototype.propertyIsEnumerable.call(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function valueAt(scope: Scope, path: readonly string[]): unknown {
  const [first, ...rest] = path;
  let value: unknown;
  if (first === '$root') value = scope.root;
  else if (first === '$data') value = scope.data;
  else if (first === '$index') value = scope.index;
  else value = property(scope.data, first!);
  // Names only (the parser takes no list indexes).
  for (const part of rest) {
    value = property(value, part);
    if (value === undefined) return undefined;
  }
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < Number.EPSILON;
  return a === b;
}

/** A small recursive-descent parser of one `${…}` expression. */
class ExpressionParser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Expression {
    const expression = this.or();
    this.space();
    if (this.at !== this.text.length) throw new Unsupported(`expression ${this.text}`);
    return expression;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private take(token: string): boolean {
    this.space();
    if (this.text.startsWith(token, this.at)) {
      this.at += token.length;
      return true;
    }
    return false;
  }

  private or(): Expression {
    const parts = [this.and()];
    while (this.take('||')) parts.push(this.and());
    if (parts.length === 1) return parts[0]!;
    // As the library's: true at the first true part, else the last part's value (false, null or undefined).
    return (scope) => {
      let value: unknown;
      for (const part of parts) {
        value = part(scope, false);
        if (isTrue(value)) return true;
      }
      return value;
    };
  }

  private and(): Expression {
    const parts = [this.comparison()];
    while (this.take('&&')) parts.push(this.comparison());
    if (parts.length === 1) return parts[0]!;
    return (scope) => parts.every((part) => isTrue(part(scope, false)));
  }

  private comparison(): Expression {
    const left = this.unary();
    if (this.take('!=')) {
      const right = this.unary();
      return (scope) => !equal(left(scope, false), right(scope, false));
    }
    if (this.take('==')) {
      const right = this.unary();
      return (scope) => equal(left(scope, false), right(scope, false));
    }
    return left;
  }

  private unary(): Expression {
    if (this.take('!')) {
      if (this.text[this.at] === '=') throw new Unsupported('!=');
      const inner = this.unary();
      return (scope) => !isTrue(inner(scope, false));
    }
    return this.primary();
  }

  private primary(): Expression {
    this.space();
    const rest = this.text.slice(this.at);
    const literal = /^'([^'\\]*)'/.exec(rest);
    if (literal) {
      this.at += literal[0].length;
      const value = literal[1];
      return () => value;
    }
    if (rest.startsWith('if(')) {
      this.at += 3;
      const condition = this.or();
      if (!this.take(',')) throw new Unsupported('if');
      const then = this.or();
      if (!this.take(',')) throw new Unsupported('if');
      const otherwise = this.or();
      if (!this.take(')')) throw new Unsupported('if');
      return (scope, substitute) =>
        isTrue(condition(scope, false)) ? then(scope, substitute) : otherwise(scope, substitute);
    }
    const path = /^\$?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (!path) throw new Unsupported(`expression ${this.text}`);
    this.at += path[0].length;
    const text = path[0];
    // Literals and functions (a name before "(") and list indexes are the library's.
    if (
      ['true', 'false', 'null', 'undefined'].includes(text) ||
      this.text[this.at] === '(' ||
      this.text[this.at] === '['
    )
      throw new Unsupported(`expression ${this.text}`);
    const parts = text.split('.');
    if (parts[0]!.startsWith('$') && !['$root', '$data', '$index'].includes(parts[0]!))
      throw new Unsupported(`template variable ${parts[0]}`);
    return (scope, substitute) => {
      const value = valueAt(scope, parts);
      return value === undefined && substitute ? `\${${text}}` : value;
    };
  }
}

/** A template string: its text parts and expressions; a string of one expression keeps the expression's type. */
function compileString(text: string): Expression | string {
  if (!text.includes('${')) return text;
  if (text.includes('\\') || text.includes('`')) throw new Unsupported('escapes in a template string');
  const parts: (string | Expression)[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (start > at) parts.push(text.slice(at, start));
    let end = start + 2;
    let quoted = false;
    while (end < text.length && (quoted || text[end] !== '}')) {
      if (text[end] === "'") quoted = !quoted;
      if (!quoted && text[end] === '{') throw new Unsupported('braces in an expression');
      end++;
    }
    if (end >= text.length) throw new Unsupported('an expression without its end');
    parts.push(new ExpressionParser(text.slice(start + 2, end)).parse());
    at = end + 1;
  }
  if (parts.length === 1 && typeof parts[0] !== 'string') return parts[0]!;
  return (scope) => {
    let result = '';
    for (const part of parts) {
      if (typeof part === 'string') result += part;
      else {
        const value = part(scope, true);
        // As the library does: a null inside a text fails the expansion.
        if (value === null) throw new TypeError("Cannot read properties of null (reading 'toString')");
        // The value's own text, as the library's toString(): an object shows as "[object Object]".
        result += (value as { toString(): string }).toString();
      }
    }
    return result;
  };
}

function compileNode(node: unknown): Node {
  if (typeof node === 'string') {
    const compiled = compileString(node);
    if (typeof compiled === 'string') return () => compiled;
    return (scope) => compiled(scope, true);
  }
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    return (scope) => {
      const result: unknown[] = [];
      for (const item of items) {
        const expanded = item(scope);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) result.push(...(expanded as unknown[]));
        else result.push(expanded);
      }
      return result;
    };
  }
  if (node === null || typeof node !== 'object') return () => node;
  return compileObject(node as Record<string, unknown>);
}

function singleExpression(value: unknown, what: string): Expression {
  const compiled = typeof value === 'string' ? compileString(value) : undefined;
  if (typeof compiled !== 'function' || !/^\$\{[^}]*\}$/.test(value as string)) throw new Unsupported(what);
  return compiled;
}

function compileObject(node: Record<string, unknown>): Node {
  const data = '$data' in node ? singleExpression(node.$data, 'a $data that is not one expression') : undefined;
  const when = '$when' in node ? singleExpression(node.$when, 'a $when that is not one expression') : undefined;
  const fields = Object.entries(node)
    .filter(([key]) => !RESERVED.has(key))
    .map(([key, value]) => [key, compileNode(value)] as const);
  const expandOne = (scope: Scope): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = field(scope);
      if (value !== undefined) setOwn(result, key, value);
    }
    return result;
  };
  return (scope) => {
    let contexts: readonly unknown[] = [undefined];
    let repeated = false;
    if (data) {
      const value = data(scope, true);
      repeated = Array.isArray(value);
      contexts = repeated ? (value as unknown[]) : [value];
    }
    const result: Record<string, unknown>[] = [];
    let current = scope;
    for (let i = 0; i < contexts.length; i++) {
      const context = contexts[i];
      current = {
        root: scope.root,
        data: context !== undefined ? context : current.data,
        index: repeated ? i : current.index,
      };
      if (when && when(current, false) !== true) continue;
      result.push(expandOne(current));
    }
    return result.length === 0 ? null : result.length === 1 ? result[0] : result;
  };
}

/** The template compiled, or undefined when it uses what this expander does not do (the library expands it then). */
export function compileTemplate(template: unknown): ((root: object) => unknown) | undefined {
  try {
    const node = compileNode(template);
    return (root) => node({ root, data: root, index: undefined });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
