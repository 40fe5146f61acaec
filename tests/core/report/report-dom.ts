/** Reads a report's embedded data back the way a tool would: from the script element's text. */
export function embeddedData(html: string): unknown {
  const match = /<script type="application\/json" id="modeldyno-data">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('the report has no modeldyno-data element');
  return JSON.parse(match[1]!);
}
