/**
 * The readable page of a person's export (GET /api/export/<token>/page): the readable model of
 * src/app/my-data/readable.ts as one self-contained HTML page. Every value is HTML-escaped (what
 * people typed is text, never markup); the page loads nothing (CSP default-src 'none').
 */
import type { ReadableExport } from '../app/my-data/readable';
import type { Locale } from '../domain/entities';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font-family:'Segoe UI',-apple-system,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#242424;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #1f7a6d}h3{font-size:1.05rem;margin-top:1.4rem}
h4{font-size:.9rem;color:#616161;margin:1rem 0 .3rem}dl{display:grid;grid-template-columns:minmax(10rem,16rem) 1fr;gap:.2rem 1rem;margin:0}
dt{color:#616161}dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}.subtle{color:#616161}`;

export function exportPage(model: ReadableExport, locale: Locale): string {
  const e = escapeHtml;
  const parts = model.parts
    .map(
      (part) =>
        `<section><h2>${e(part.title)}</h2>${part.sections
          .map(
            (section) =>
              `<h3>${e(section.title)}</h3>${section.documents
                .map(
                  (doc) =>
                    `<article><h4>${e(doc.heading)}</h4><dl>${doc.fields
                      .map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value)}</dd>`)
                      .join('')}</dl></article>`,
                )
                .join('')}`,
          )
          .join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${e(model.title)}</title><style>${STYLE}</style></head>
<body><h1>${e(model.title)}</h1><p>${e(model.intro)}</p><p class="subtle">${e(model.exportedAt)}</p>
${parts}
</body></html>
`;
}
