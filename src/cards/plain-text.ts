/**
 * The one escaping function for what people typed, wherever a card shows it as markdown (a
 * TextBlock, a FactSet): see `escapeMarkdown` in src/domain/typed-text.ts. Prefer a `UserText`
 * field in the view model (`userText(…)`): the renderer escapes it, so no call can be forgotten.
 */
import { escapeMarkdown } from '../domain/typed-text';

export const plainText = (text: string | undefined): string => escapeMarkdown(text);
