/**
 * `modeldyno serve`: the web host, until Ctrl+C. It prints the URL to open (with the
 * token) and never opens a browser itself: on a remote or headless machine that would
 * fail or open the wrong screen, and the printed URL works everywhere.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynoError } from '../../../shared/errors.js';
import { isLoopback } from '../../web/auth.js';
import { bundledModelsDir } from '../../web/locations.js';
import { startWebHost } from '../../web/server.js';
import { parseStrict } from '../args.js';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  root: { type: 'string', multiple: true },
  sessions: { type: 'string' },
  'no-open': { type: 'boolean' },
} as const;

export async function runServe(argv: string[]): Promise<number> {
  const { values, positionals } = parseStrict(argv, OPTIONS);
  if (positionals.length > 0)
    throw new DynoError('usage', `serve takes no arguments (got "${positionals[0]}"); folders go after --root.`);
  const host = values.host ?? '127.0.0.1';
  const roots = (values.root ?? [bundledModelsDir(), process.cwd()]).map(checkedRoot);
  if (!isLoopback(host)) process.stderr.write(exposureWarning(host));
  const web = await startWebHost({
    host,
    port: parsePort(values.port),
    token: values.token,
    roots,
    sessionsDir: values.sessions,
  });
  // Listening before printing: a script that stops us as soon as it reads the URL must find the handler there.
  const stopped = untilSignal();
  process.stderr.write(`Folders the browser may open: ${roots.join(', ')}\nPress Ctrl+C to stop.\n`);
  process.stdout.write(`ModelDyno is serving at ${web.url}\n`);
  const signal = await stopped;
  process.stderr.write(`\n${signal}: closing …\n`);
  await web.close();
  return 0;
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535)
    throw new DynoError('usage', `--port needs a whole number from 0 to 65535 (0: any free port), not "${text}".`);
  return port;
}

function checkedRoot(dir: string): string {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new DynoError('usage', `--root ${dir}: no such folder.`);
  return path;
}

function exposureWarning(host: string): string {
  return (
    `modeldyno: WARNING: serving on ${host}, not 127.0.0.1. The token is now the only protection:\n` +
    `anyone on the network who gets the URL can run models and read model files in the allowed folders.\n` +
    `Prefer the default and an SSH tunnel (ssh -L PORT:127.0.0.1:PORT host) to reach it from elsewhere.\n`
  );
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      done(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
