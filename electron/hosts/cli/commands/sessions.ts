/** `modeldyno sessions` and `modeldyno show`: what is on disk, finished or not. */
import { listSessions, loadSession, sessionsRoot } from '../../../core/recording/store.js';
import { DynoError } from '../../../shared/errors.js';
import { parseStrict } from '../args.js';
import { formatMs, formatSummary } from '../format.js';
import { join } from 'node:path';

const OPTIONS = { sessions: { type: 'string' }, json: { type: 'boolean' } } as const;

export function runSessions(argv: string[]): number {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  if (positionals.length > 0)
    throw new DynoError('usage', 'sessions takes no arguments; use `modeldyno show <id>` for one session.');
  const root = sessionsRoot(values.sessions);
  const sessions = listSessions(root);
  if (values.json) {
    const rows = sessions.map(({ result: r, truncated }) => ({
      sessionId: r.sessionId,
      status: r.status,
      startedAt: r.startedAt,
      model: r.model.path,
      latencyP50Ms: r.latencyMs?.p50 ?? null,
      runs: r.runs.filter((run) => !run.warmup).length,
      truncated,
      error: r.error ?? null,
    }));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  if (sessions.length === 0) {
    process.stdout.write(`No sessions in ${root}. Record one with \`modeldyno profile <model.onnx>\`.\n`);
    return 0;
  }
  for (const { result: r, truncated } of sessions) {
    const runs = r.runs.filter((run) => !run.warmup).length;
    const note = r.error ? `  ${r.error.kind}` : truncated ? '  journal truncated' : '';
    process.stdout.write(
      `${r.sessionId.padEnd(44)} ${r.status.padEnd(10)} p50 ${formatMs(r.latencyMs?.p50 ?? null).padStart(9)}  ${String(runs).padStart(5)} runs${note}\n`,
    );
  }
  return 0;
}

export function runShow(argv: string[]): number {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  const id = positionals[0];
  if (positionals.length !== 1 || id === undefined)
    throw new DynoError('usage', 'show takes one session id: modeldyno show <session-id>');
  const root = sessionsRoot(values.sessions);
  const { result, truncated } = loadSession(root, id);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(`${formatSummary(result, join(root, id))}\n`);
    if (truncated)
      process.stdout.write(
        'Note: the journal ends mid-record (the session was killed while writing); every complete record is shown.\n',
      );
  }
  return 0;
}
