/**
 * Text is text: what a person types is kept as they wrote it, except the invisible characters
 * that change how other text shows — bidirectional overrides, embeddings and isolates (a
 * right-to-left override turns "gpj.exe" into "exe.jpg") and zero-width characters (which hide
 * words from the judging-words check and make two names look the same). Removed on input
 * (checkText) and again by the card renderer on every string of a view model.
 *
 * On a card, someone's words are a `UserText` (made with `userText(…)`), never a bare string:
 * the card renderer (src/cards/render.ts) and the message formatter (src/i18n/translate.ts)
 * turn it into escaped text, so a template or a message cannot show a colleague's "[link](…)",
 * "**", "# ", "- " or "1. " as markdown. A view model field that holds someone's words is typed
 * `UserText`; a test renders every card template with hostile text (test/cards/user-text.test.ts).
 */
// U+061C, U+200E/F (marks), U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates),
// U+200B–U+200D (zero width space / non-joiner / joiner), U+2060 (word joiner), U+FEFF (BOM).
const HIDDEN_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export const withoutHiddenControls = (text: string): string => text.replace(HIDDEN_CONTROLS, '');

/** Characters that are markup wherever they stand (emphasis, code, links, strike-through, html). */
const INLINE = /[\\`*_[\]()~<>]/g;
/** Markup only at the start of a line: headings, quotes, bullet lists, numbered lists. */
const LINE_START = /^(\s*)([#+-]|\d+[.)])/gm;

/**
 * Someone's words as Adaptive Cards markdown (TextBlock text, Fact title and value) that shows
 * literally: markdown characters escaped with a backslash (inline ones everywhere, list and
 * heading marks at a line's start), hidden controls dropped. Not for Input values, TextRuns,
 * action titles or choice titles: those are not markdown and would show the backslashes.
 */
export function escapeMarkdown(text: string | undefined): string {
  if (!text) return '';
  return withoutHiddenControls(text)
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_all, space: string, mark: string) => `${space}${mark.replace(/([#+\-.)])$/, '\\$1')}`);
}

/** Someone's words on their way to a card: shown escaped, whatever position a template gives them. */
export class UserText {
  readonly #typed: string;

  private constructor(typed: string) {
    this.#typed = withoutHiddenControls(typed);
  }

  static of(typed: string | undefined): UserText {
    return new UserText(typed ?? '');
  }

  /** The words as typed (hidden controls removed): for an Input's value, never for markdown. */
  get typed(): string {
    return this.#typed;
  }

  get isEmpty(): boolean {
    return this.#typed.trim() === '';
  }

  /** The escaped form: what a card's markdown shows. */
  toString(): string {
    return escapeMarkdown(this.#typed);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Wrap what a person typed for a card (see the file comment). */
export const userText = (typed: string | undefined): UserText => UserText.of(typed);

export const isUserText = (value: unknown): value is UserText => value instanceof UserText;
