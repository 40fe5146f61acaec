/**
 * The safe parts every report is built from. Everything a model file or a session
 * supplies (names, metadata, paths, evidence) goes through `text` or `attr`; the data
 * goes through `jsonScript`. The page carries no executable script at all and a
 * Content-Security-Policy that would refuse one, so an escaping mistake stays inert.
 */
import { REPORT_CSS } from './style.js';

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for element text and quoted attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Names can be a megabyte long (a hostile or generated model): the page shows the start, the JSON keeps all. */
export const MAX_SHOWN_CHARS = 160;

export function shorten(value: string, max = MAX_SHOWN_CHARS): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length.toLocaleString('en')} characters)`;
}

/**
 * A string from outside, as element text: escaped, shortened, and isolated with <bdi> so
 * an RTL override inside a node name cannot reorder the text around it.
 */
export function text(value: string, max = MAX_SHOWN_CHARS): string {
  return `<bdi>${escapeHtml(shorten(value, max))}</bdi>`;
}

/** A string from outside, as a double-quoted attribute value. */
export function attr(value: string, max = MAX_SHOWN_CHARS): string {
  return escapeHtml(shorten(value, max));
}

/**
 * JSON that can sit inside <script type="application/json">: `<` is escaped so no
 * `</script` or `<!--` can appear, and U+2028/U+2029 so the text is valid JavaScript too
 * (for whoever pastes it into a console).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The id of the element that holds a report's data. */
export const DATA_ELEMENT_ID = 'modeldyno-data';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** A whole report page: head with policy and styles, the body, the data, a footer. */
export function page(options: { title: string; body: string; data: unknown; footer: string }): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(shorten(options.title))}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    options.body,
    `<footer>${options.footer}</footer>`,
    '</main>',
    `<script type="application/json" id="${DATA_ELEMENT_ID}">${jsonForScript(options.data)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A <section> with a heading; `body` is already-safe HTML. */
export function section(id: string, heading: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(heading)}</h2>${body}</section>`;
}

/** A table from already-safe cell HTML; `numeric` columns are right-aligned. */
export function table(
  headers: string[],
  rows: string[][],
  numeric: ReadonlySet<number> = new Set(),
  nowrap: ReadonlySet<number> = new Set(),
): string {
  if (rows.length === 0) return '<p class="muted">None.</p>';
  const cls = (i: number) => (numeric.has(i) ? ' class="num"' : nowrap.has(i) ? ' class="nw"' : '');
  const head = headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td${cls(i)}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Label/value pairs as a definition grid; values are already-safe HTML. */
export function facts(pairs: Array<[string, string]>): string {
  return `<dl class="facts">${pairs.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
