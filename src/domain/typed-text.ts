/**
 * Text is text: what a person types is kept as they wrote it, except the invisible characters
 * that change how other text shows — bidirectional overrides, embeddings and isolates (a
 * right-to-left override turns "gpj.exe" into "exe.jpg") and zero-width characters (which hide
 * words from the judging-words check and make two names look the same). Removed on input.
 */
// U+061C, U+200E/F (marks), U+202A–U+202E (embeddings, overrides), U+2066–U+2069 (isolates),
// U+200B–U+200D (zero width space / non-joiner / joiner), U+2060 (word joiner), U+FEFF (BOM).
const HIDDEN_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

export const withoutHiddenControls = (text: string): string => text.replace(HIDDEN_CONTROLS, '');
