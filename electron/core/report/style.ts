/**
 * The report's only styles: the light palette of renderer/src/theme.css, no web fonts
 * (a font from a URL would be a network request), and print rules so the PDF breaks
 * between sections rather than through charts.
 */
export const REPORT_CSS = `
:root {
  --bg: #ffffff; --panel: #f5f6f8; --border: #d5d9e2; --text: #1b1e25; --muted: #5d6475;
  --accent: #1f6fd1; --ok: #1f9d63; --danger: #d93f3f; --warning: #b7830f; --grid: #e3e6ec;
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--text); font: 14px/1.45 var(--font); }
body { margin: 0; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 14px; margin: 16px 0 6px; }
p { margin: 6px 0; }
.muted { color: var(--muted); }
.mono, code { font-family: var(--mono); font-size: 12.5px; }
.subtitle { color: var(--muted); overflow-wrap: anywhere; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
  border: 1px solid currentColor; }
.status-complete { color: var(--ok); } .status-failed { color: var(--danger); }
.status-incomplete, .status-cancelled, .status-running { color: var(--warning); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 3px 16px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 32px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; }
.card .k { color: var(--muted); font-size: 12px; }
.card .v { font-size: 19px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .v.na { color: var(--muted); font-weight: 400; }
.headline { border-left: 6px solid var(--muted); background: var(--panel); padding: 10px 14px; border-radius: 4px; }
.headline strong { font-size: 16px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--grid); vertical-align: top;
  overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; font-size: 12.5px; border-bottom-color: var(--border); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nw, th.nw { white-space: nowrap; }
.chip { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; color: #1b1e25;
  white-space: nowrap; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); margin: 4px 0 10px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; vertical-align: -2px;
  margin-right: 4px; }
.legend i.line { height: 3px; vertical-align: 3px; }
svg { display: block; max-width: 100%; height: auto; font-family: var(--font); }
svg text { fill: var(--muted); font-size: 11px; }
.evidence { margin: 2px 0 0 18px; padding: 0; color: var(--muted); }
.better { color: var(--ok); font-weight: 600; } .worse { color: var(--danger); font-weight: 600; }
.caveats { border-left: 4px solid var(--warning); background: #fff8e6; padding: 6px 12px; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--border); color: var(--muted); font-size: 12px; }
@media print {
  main { max-width: none; padding: 0; }
  tr, svg, .card, .headline { break-inside: avoid; }
  h2 { break-after: avoid; }
}
@page { size: A4; margin: 14mm 12mm; }
`;
