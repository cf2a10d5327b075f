/**
 * The one escaping function for what people typed, wherever a card shows it in a TextBlock,
 * a FactSet or a TextRun: Adaptive Cards render a markdown subset, so a colleague's "[link](…)",
 * "**", "# ", "- " or "1. " would become a link, bold, a heading or a list. Markdown characters
 * are escaped with a backslash (inline ones everywhere, list/heading marks at a line's start)
 * so the text shows literally, and hidden bidi and
 * zero-width controls are dropped (also removed on input: src/domain/typed-text.ts).
 * Not for Input.Text values (those are not markdown) nor for ids and URLs in card data.
 */
import { withoutHiddenControls } from '../domain/typed-text';

/** Characters that are markup wherever they stand (emphasis, code, links, strike-through). */
const INLINE = /[\\`*_[\]()~<]/g;
/** Markup only at the start of a line: headings, quotes, bullet lists, numbered lists. */
const LINE_START = /^(\s*)([#>+-]|\d+[.)])/gm;

export function plainText(text: string | undefined): string {
  if (!text) return '';
  return withoutHiddenControls(text)
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_all, space: string, mark: string) => `${space}${mark.replace(/([#>+\-.)])$/, '\\$1')}`);
}
