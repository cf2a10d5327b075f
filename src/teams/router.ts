/**
 * The routing tables: text commands (in Dutch and English) and card verbs (Action.Execute).
 * Features register their commands and verbs here (`register(router)` in each feature folder).
 *
 * A verb is declared with the schema of its card data. The dispatcher (src/teams/dispatch.ts)
 * parses the data (INVALID_INPUT naming the first bad field), resolves the school from the card's
 * own ids (checked against the person's memberships), and hands the handler typed data and the
 * school. Handlers throw a DomainError for every expected refusal; the one error pipeline
 * (src/teams/error-answers.ts) turns it into the answer for that surface. An unknown verb gets a
 * typed error response, never an exception or silence.
 */
import type { z } from 'zod';
import type { AdaptiveCard } from '../cards/render';
import type { School } from '../domain/entities';
import type { Stored } from '../store/store';
import type { ActionContext, CommandContext, HandlerContext } from './context';
import type { HandlerResult } from './results';

/** Which school a command or verb acts on: resolved by the dispatcher, or none needed (help, my data). */
export type SchoolNeed = 'school' | 'none';

export interface InSchool {
  /** The school this turn acts on: the card's own school, or for a command the person's school. */
  readonly school: Stored<School>;
}

export type SchoolCommandContext = CommandContext & InSchool;
/** Any turn acting on a school (a command or a card action), for code both share. */
export type SchoolTurnContext = HandlerContext & InSchool;

/** A card action with its parsed data (`data`) and the untrusted raw values of the card's inputs (`inputs`). */
export interface VerbContext<D> extends ActionContext {
  readonly data: D;
}
export type SchoolVerbContext<D> = VerbContext<D> & InSchool;

export type CommandHandler = (ctx: CommandContext) => Promise<HandlerResult | HandlerResult[]>;
export type SchoolCommandHandler = (ctx: SchoolCommandContext) => Promise<HandlerResult | HandlerResult[]>;

interface CommandBase {
  /** The words that start this command, e.g. ['help', 'hulp']; multi-word phrases allowed. */
  readonly words: readonly string[];
  /** Key of its description in the string tables (for the help card), and who sees it there. */
  readonly helpKey?: string;
  readonly audience?: 'everyone' | 'leader';
}

export type CommandSpec =
  | (CommandBase & { readonly school: 'school'; readonly handler: SchoolCommandHandler })
  | (CommandBase & { readonly school: 'none'; readonly handler: CommandHandler });

interface VerbBase<D> {
  /** The schema of the card's `data` (ids and version; form inputs stay in `ctx.inputs`). */
  readonly data: z.ZodType<D>;
}

/**
 * A verb acting on a school. `card`, when given, rebuilds the card the person pressed (from the
 * store, as they last saw it): on an expected refusal the pipeline answers with that card, the
 * person's typed inputs kept and the reason shown on it.
 */
export interface SchoolVerbSpec<D> extends VerbBase<D> {
  readonly school: 'school';
  readonly handler: (ctx: SchoolVerbContext<D>) => Promise<HandlerResult>;
  readonly card?: (ctx: SchoolVerbContext<D>) => Promise<AdaptiveCard | undefined>;
}

export interface PersonVerbSpec<D> extends VerbBase<D> {
  readonly school: 'none';
  readonly handler: (ctx: VerbContext<D>) => Promise<HandlerResult>;
  readonly card?: (ctx: VerbContext<D>) => Promise<AdaptiveCard | undefined>;
}

/** A registered verb, its data type erased (the dispatcher parses with its schema before the handler sees it). */
export type AnyVerbSpec = SchoolVerbSpec<unknown> | PersonVerbSpec<unknown>;

export class Router {
  private readonly commands: CommandSpec[] = [];
  private readonly verbs = new Map<string, AnyVerbSpec>();
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

  verb<D>(name: string, spec: SchoolVerbSpec<D> | PersonVerbSpec<D>): this {
    if (this.verbs.has(name)) throw new Error(`verb registered twice: ${name}`);
    this.verbs.set(name, spec as unknown as AnyVerbSpec);
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

  findVerb(name: string): AnyVerbSpec | undefined {
    return this.verbs.get(name);
  }

  /** The command registered for exactly this word (a "which school?" answer re-runs it). */
  commandByWord(word: string): CommandSpec | undefined {
    return this.commands.find((c) => c.words.includes(word));
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
