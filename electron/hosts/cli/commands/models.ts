/** `modeldyno models`: the bundled models and the presets generated on demand. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makePreset, PRESETS } from '../../../../models/index.js';
import { packageRoot } from '../../../core/package-root.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';
import { formatCount } from '../format.js';

/** Where on-demand presets go: `$MODELDYNO_HOME/models`, else `~/.modeldyno/models`. */
export function modelCacheDir(): string {
  return join(process.env.MODELDYNO_HOME || join(homedir(), '.modeldyno'), 'models');
}

const bundledDir = () => join(packageRoot(), 'models');

export async function runModels(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, { out: { type: 'string' }, json: { type: 'boolean' } });
  const [action = 'list', name, ...extra] = positionals;
  if (action === 'list') {
    if (values.json) {
      process.stdout.write(`${JSON.stringify(PRESETS)}\n`);
      return 0;
    }
    for (const preset of PRESETS) {
      const where = preset.bundled ? join(bundledDir(), `${preset.name}.onnx`) : 'modeldyno models make ' + preset.name;
      process.stdout.write(
        `${preset.name.padEnd(16)} ${formatCount(preset.approxParams).padStart(9)} params  ${preset.description}\n${''.padEnd(16)} ${where}\n`,
      );
    }
    return 0;
  }
  if (action === 'make') {
    if (!name || extra.length > 0)
      throw new DynoError('usage', 'models make takes one preset name: modeldyno models make <preset> [--out DIR]');
    const outDir = values.out ?? modelCacheDir();
    process.stderr.write(`Generating ${name} into ${outDir} …\n`);
    const path = await makePreset(name, outDir);
    process.stdout.write(`${path}\n`);
    return 0;
  }
  throw new DynoError('usage', `Unknown models action "${action}": use list or make.`);
}
