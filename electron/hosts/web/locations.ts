/** Folders of the installed package that the web host serves or offers. */
import { join } from 'node:path';
import { packageRoot } from '../../core/package-root.js';

/** The renderer build (`npm run build:renderer`). */
export const defaultRendererDir = () => join(packageRoot(), 'renderer', 'dist');

/** The models that ship with ModelDyno. */
export const bundledModelsDir = () => join(packageRoot(), 'models');
