/**
 * A model built to break out of an HTML report: its graph name, node names, input and
 * output names and metadata carry script and attribute breakouts, line and paragraph
 * separators (which end a JavaScript string), an RTL override and a 1 MB string, and it
 * is saved under a folder whose name is markup too.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GraphBuilder } from '../../../models/builder/graph-builder.js';
import { writeModelFile } from '../../../models/builder/write-model.js';

export const SCRIPT_BREAKOUT = '</script><script>window.__pwned=1</script>';
export const ATTRIBUTE_BREAKOUT = '"><img src=x onerror="window.__pwned=1">';
/**
 * The same breakout for node names, without double quotes: ONNX Runtime writes node names
 * into its profile JSON unescaped, so a `"` in one makes the whole op profile unreadable.
 */
export const NODE_ATTRIBUTE_BREAKOUT = "'><img src=x onerror=window.__pwned=1>";
export const SEPARATORS = 'line\u2028para\u2029end';
export const RTL_OVERRIDE = 'name\u202Egnp.exe';
/** 1 MB: long enough that a report that copies names around grows visibly. */
export const HUGE = `${'A'.repeat(1024 * 1024 - 8)}<!--x-->`;
export const FOLDER_MARKUP = `<b>&"'`;

export interface HostileModel {
  path: string;
  inputName: string;
  outputName: string;
  /** Substrings every node name carries (the builder appends `/<OpType>_<n>`). */
  nodeScopes: string[];
}

export async function writeHostileModel(): Promise<HostileModel> {
  const dir = mkdtempSync(join(tmpdir(), `dyno-hostile-${FOLDER_MARKUP}-`));
  const path = join(dir, `model ${FOLDER_MARKUP}.onnx`);
  const inputName = `in ${SCRIPT_BREAKOUT}`;
  const outputName = `out ${ATTRIBUTE_BREAKOUT} ${RTL_OVERRIDE}`;
  const nodeScopes = [SCRIPT_BREAKOUT, NODE_ATTRIBUTE_BREAKOUT, `${SEPARATORS} ${RTL_OVERRIDE}`, HUGE];
  const g = new GraphBuilder(`graph ${SCRIPT_BREAKOUT}`, 7);
  let x = g.input(inputName, 'float32', [1, 64]);
  const ops = ['MatMul', 'Relu', 'Sigmoid', 'Abs'];
  for (const [i, scope] of nodeScopes.entries()) {
    x = g.scope(scope, () =>
      i === 0 ? g.op('MatMul', [x, g.weight('w', [64, 64], { kind: 'normal', std: 0.1 })]) : g.op(ops[i]!, [x]),
    );
  }
  g.output(x, outputName, 'float32', [1, 64]);
  await writeModelFile(
    g,
    {
      metadata: { [SCRIPT_BREAKOUT]: ATTRIBUTE_BREAKOUT, rtl: RTL_OVERRIDE, separators: SEPARATORS, huge: HUGE },
      docString: SCRIPT_BREAKOUT,
    },
    path,
  );
  return { path, inputName, outputName, nodeScopes };
}
