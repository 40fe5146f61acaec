/** The models a user can open with one click: the bundled ones and presets already made. */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../../../models/index.js';
import type { ExampleModel } from '../../shared/api.js';
import { modeldynoHome } from '../analysis/calibration-cache.js';
import { packageRoot, unpackedPath } from '../package-root.js';

export function exampleModels(): ExampleModel[] {
  const cache = join(modeldynoHome(), 'models');
  return PRESETS.flatMap((preset) => {
    const path = join(preset.bundled ? unpackedPath(join(packageRoot(), 'models')) : cache, `${preset.name}.onnx`);
    if (!existsSync(path)) return [];
    return [
      {
        name: preset.name,
        description: preset.description,
        path,
        sizeBytes: statSync(path).size,
        approxParams: preset.approxParams,
      },
    ];
  });
}
