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
import type { Locale, School } from '../domain/entities';
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

/**
 * Every command a person can type, in one table: per language the words people use, the first
 * the one the bot's own hints name; `also` the words understood in either language but not
 * taught — the synonyms the glossary keeps out of Tweetal's own texts ("programma", "program",
 * "koppels", "duo's", "leaders" for school leaders) and the bare "?". Matching ignores case, accents, apostrophes, extra spaces
 * and punctuation around the text (normaliseCommandText), so "Overzicht", "OBSERVATIE", "duo’s"
 * and "plan!" work; a word may start a longer text ("plan een bezoek"). The help card lists the
 * words of `nl` and `en` (the reader's language first, then the other's first word), and the
 * string-table checks read them as they read the tables (test/i18n/user-texts.ts); a test sends
 * every command the string tables name through the router. Features bind a handler to a command
 * by its name.
 */
export const COMMAND_WORDS = {
  help: { nl: ['hulp'], en: ['help'], also: ['?'] },
  status: { nl: ['mijn cyclus', 'status', 'voortgang'], en: ['status', 'my cycle', 'progress'] },
  plan: { nl: ['plannen', 'inplannen', 'plan'], en: ['plan'] },
  observe: { nl: ['observatie', 'observeren'], en: ['observe', 'observation'] },
  debrief: { nl: ['nagesprek'], en: ['debrief'] },
  profile: { nl: ['profiel'], en: ['profile'] },
  switch: { nl: ['wissel', 'wisselen'], en: ['switch'] },
  export: { nl: ['export', 'exporteren', 'exporteer', 'mijn gegevens'], en: ['export', 'my data'] },
  delete: { nl: ['verwijder', 'verwijderen'], en: ['delete'] },
  setup: { nl: ['traject', 'opzet'], en: ['setup', 'set up', 'programme'], also: ['programma', 'program'] },
  pairs: { nl: ['tweetallen'], en: ['pairs'], also: ['koppels', "duo's"] },
  digest: { nl: ['overzicht'], en: ['digest', 'overview'] },
  leaders: { nl: ['schoolleiders'], en: ['school leaders'], also: ['leiders', 'leaders'] },
} as const satisfies Record<
  string,
  Readonly<Record<Locale, readonly string[]>> & { readonly also?: readonly string[] }
>;

export type CommandName = keyof typeof COMMAND_WORDS;

/** The words of a command as the router matches them (both languages, normalised, no repeats). */
export function matchWordsOf(name: CommandName): string[] {
  return [...new Set(allWordsOf(name).map(normaliseCommandText))];
}

/** Every word of a command as the table writes it: both languages and the words understood but not taught. */
export function allWordsOf(name: CommandName): string[] {
  const words: { nl: readonly string[]; en: readonly string[]; also?: readonly string[] } = COMMAND_WORDS[name];
  return [...words.nl, ...words.en, ...(words.also ?? [])];
}

/** The words of a command as the help card shows them: the reader's language, then the other's first word. */
export function shownWordsOf(name: CommandName, locale: Locale): string[] {
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  const own = COMMAND_WORDS[name][locale];
  const first = COMMAND_WORDS[name][other][0];
  return [...new Set([...own, first])];
}

interface CommandBase {
  /** Which command of COMMAND_WORDS this is (its words come from that table). */
  readonly name: CommandName;
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
  private readonly commands: { readonly spec: CommandSpec; readonly words: readonly string[] }[] = [];
  private readonly verbs = new Map<string, AnyVerbSpec>();
  private fallback: CommandHandler | undefined;

  command(spec: CommandSpec): this {
    if (this.commands.some((c) => c.spec.name === spec.name)) throw new Error(`command registered twice: ${spec.name}`);
    const words = matchWordsOf(spec.name);
    for (const word of words) {
      if (this.commands.some((c) => c.words.includes(word))) throw new Error(`command word registered twice: ${word}`);
    }
    this.commands.push({ spec, words });
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
    return this.commands.map((c) => c.spec);
  }

  findVerb(name: string): AnyVerbSpec | undefined {
    return this.verbs.get(name);
  }

  /** The command with this name or exactly this word (a "which school?" answer re-runs it; older cards carry a word). */
  commandByWord(word: string): CommandSpec | undefined {
    const normalised = normaliseCommandText(word);
    return this.commands.find((c) => c.spec.name === word || c.words.includes(normalised))?.spec;
  }

  /** The last text matched and its match: a turn matches its text twice (its read plan, then its answer). */
  private lastMatch: { readonly text: string; readonly match: CommandMatch } | undefined;

  /** Match typed text to a command: the longest registered phrase at the start wins. */
  matchCommand(text: string): CommandMatch {
    if (this.lastMatch?.text === text) return this.lastMatch.match;
    const match = this.match(text);
    this.lastMatch = { text, match };
    return match;
  }

  private match(text: string): CommandMatch {
    const normalised = normaliseCommandText(text);
    let best: { spec: CommandSpec; word: string } | undefined;
    for (const { spec, words } of this.commands) {
      for (const word of words) {
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

export interface CommandMatch {
  readonly spec: CommandSpec | undefined;
  readonly command: string;
  readonly args: string;
}

/**
 * What the router compares: lower case, accents and apostrophes dropped ("duo’s" → "duos"),
 * hyphens as spaces, no @mention (markup, or a leading "@Name" before the command), no
 * punctuation or symbols around the text ("/plan", "status?", "**help**"), single spaces.
 * Text of nothing but punctuation keeps a "?" (the help command).
 */
export function normaliseCommandText(text: string): string {
  const plain = text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[-‐‑–—_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^@\S+ (?=\S)/, '');
  const bare = plain.replace(/^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu, '');
  if (bare !== '') return bare;
  return plain.includes('?') ? '?' : '';
}
