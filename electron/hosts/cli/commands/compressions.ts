/**
 * `modeldyno compressions`: the stored compression experiments; `show <id>` prints one as
 * `compress` did, `delete <id>` removes it with its variant files (its sessions stay).
 */
import {
  compressionsRoot,
  deleteExperiment,
  experimentDir,
  experimentSummary,
  listExperiments,
  loadExperiment,
} from '../../../core/compress/store.js';
import { storedSession } from '../../../core/compress/of-session.js';
import { compressionView } from '../../../core/compress/view.js';
import { sessionsRoot } from '../../../core/recording/store.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';
import { formatCompression } from '../format-compress.js';

const OPTIONS = { sessions: { type: 'string' }, json: { type: 'boolean' } } as const;
const USAGE = 'modeldyno compressions [list | show <id> | delete <id>] [--sessions DIR] [--json]';

export function runCompressions(argv: string[]): number {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const [action = 'list', id, ...extra] = positionals;
  const sessions = sessionsRoot(values.sessions);
  const root = compressionsRoot(sessions);
  if (extra.length > 0 || (action === 'list') !== (id === undefined)) throw new DynoError('usage', `Usage: ${USAGE}`);
  switch (action) {
    case 'list': {
      const experiments = listExperiments(root).map(experimentSummary);
      if (values.json) process.stdout.write(`${JSON.stringify(experiments)}\n`);
      else if (experiments.length === 0)
        process.stdout.write(`No experiments in ${root}. Make one with \`modeldyno compress <model.onnx>\`.\n`);
      else
        for (const e of experiments)
          process.stdout.write(`${e.id.padEnd(48)} ${e.status.padEnd(10)} ${e.variants.join(',')}  ${e.modelPath}\n`);
      return 0;
    }
    case 'show': {
      const view = compressionView(loadExperiment(root, id!), storedSession(sessions));
      process.stdout.write(
        values.json ? `${JSON.stringify(view)}\n` : formatCompression(view, experimentDir(root, id!)),
      );
      return 0;
    }
    case 'delete':
      deleteExperiment(root, id!);
      if (!values.json) process.stdout.write(`Deleted ${id} and its variant files; its sessions stay.\n`);
      return 0;
    default:
      throw new DynoError('usage', `Unknown action "${action}". Usage: ${USAGE}`);
  }
}
