/**
 * The routing tables: text commands (in Dutch and English) and card verbs (Action.Execute).
 * Features register their commands and verbs here (`register(router)` in each feature folder);
 * an unknown verb gets a typed error response, never an exception or silence.
 */
import type { ActionContext, CommandContext } from './context';
import type { HandlerResult } from './results';

export type CommandHandler = (ctx: CommandContext) => Promise<HandlerResult | HandlerResult[]>;
export type VerbHandler = (ctx: ActionContext) => Promise<HandlerResult>;

export interface CommandSpec {
  /** The words that start this command, e.g. ['help', 'hulp']; multi-word phrases allowed. */
  readonly words: readonly string[];
  readonly handler: CommandHandler;
  /** Key of its description in the string tables (for the help card), and who sees it there. */
  readonly helpKey?: string;
  readonly audience?: 'everyone' | 'leader';
}

export class Router {
  private readonly commands: CommandSpec[] = [];
  private readonly verbs = new Map<string, VerbHandler>();
  private fallback: CommandHandler | undefined;

  command(spec: CommandSpec): this {
    for (const word of spec.words) {
      if (this.commands.some((c) => c.words.includes(word))) throw new Error(`command word registered twice: ${word}`);
    }
    this.commands.push(spec);
    return this;
  }

  /** The handler for text that matches no command. */
  otherwise(handler: CommandHandler): this {
    this.fallback = handler;
    return this;
  }

  verb(name: string, handler: VerbHandler): this {
    if (this.verbs.has(name)) throw new Error(`verb registered twice: ${name}`);
    this.verbs.set(name, handler);
    return this;
  }

  hasVerb(name: string): boolean {
    return this.verbs.has(name);
  }

  verbNames(): string[] {
    return [...this.verbs.keys()].sort();
  }

  commandSpecs(): readonly CommandSpec[] {
    return this.commands;
  }

  findVerb(name: string): VerbHandler | undefined {
    return this.verbs.get(name);
  }

  /** Match typed text to a command: the longest registered phrase at the start wins. */
  matchCommand(text: string): { spec: CommandSpec | undefined; command: string; args: string } {
    const normalised = normaliseCommandText(text);
    let best: { spec: CommandSpec; word: string } | undefined;
    for (const spec of this.commands) {
      for (const word of spec.words) {
        if ((normalised === word || normalised.startsWith(word + ' ')) && (!best || word.length > best.word.length)) {
          best = { spec, word };
        }
      }
    }
    if (!best) return { spec: undefined, command: normalised.split(' ')[0] ?? '', args: normalised };
    return { spec: best.spec, command: best.word, args: normalised.slice(best.word.length).trim() };
  }

  fallbackHandler(): CommandHandler | undefined {
    return this.fallback;
  }
}

/** Lower case, no @mention markup, no leading slash, single spaces. */
export function normaliseCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/^\s*\//, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
