/**
 * PDF from the report's HTML through a headless Chromium, for the CLI and the web host
 * (the desktop app prints with Electron's own printToPDF instead). Chromium is not a
 * dependency: it is found on the machine, and its absence is a `tool-missing` error
 * that says how to install one.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynoError } from '../../shared/errors.js';

/** Debian's and Ubuntu's package path; checked before PATH because snaps put a wrapper first. */
export const DEFAULT_CHROMIUM_PATHS = ['/usr/bin/chromium'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** A report prints in about a second; a minute covers a slow first start of the browser. */
const PDF_TIMEOUT_MS = 60_000;

export const CHROMIUM_HINT =
  'PDF export needs Chromium or Chrome: install it (Debian/Ubuntu: apt-get install chromium) or set MODELDYNO_CHROMIUM to its executable. The HTML report needs nothing and prints from any browser.';

export interface ChromiumLookup {
  env?: NodeJS.ProcessEnv;
  /** Absolute paths tried before PATH. */
  fixedPaths?: readonly string[];
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false; // missing, or not ours to run: try the next candidate.
  }
}

/**
 * The browser to print with: MODELDYNO_CHROMIUM when set (and then only that: a user
 * who names one means it), else the fixed paths, else the usual names on PATH.
 */
export function findChromium(lookup: ChromiumLookup = {}): string {
  const env = lookup.env ?? process.env;
  const named = env.MODELDYNO_CHROMIUM;
  if (named) {
    if (isExecutable(named)) return named;
    throw new DynoError(
      'tool-missing',
      `MODELDYNO_CHROMIUM is ${named}, which is not an executable file. ${CHROMIUM_HINT}`,
    );
  }
  for (const path of lookup.fixedPaths ?? DEFAULT_CHROMIUM_PATHS) if (isExecutable(path)) return path;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    for (const name of PATH_NAMES) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  throw new DynoError('tool-missing', CHROMIUM_HINT);
}

/** Prints `html` to PDF bytes (A4, as the report's @page asks) with a headless Chromium. */
export async function htmlToPdf(html: string, lookup: ChromiumLookup = {}): Promise<Buffer> {
  const chromium = findChromium(lookup);
  const dir = mkdtempSync(join(tmpdir(), 'modeldyno-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(htmlPath, html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Its own profile: a user's running Chromium would otherwise own the default one.
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${pdfPath}`,
      '--no-pdf-header-footer',
      pathToFileURL(htmlPath).href,
    ];
    const stderr = await run(chromium, args);
    if (!existsSync(pdfPath) || statSync(pdfPath).size === 0)
      throw new DynoError('internal', `${chromium} wrote no PDF.${tail(stderr)}`);
    return readFileSync(pdfPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: PDF_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve(stderr);
      const why = error.killed
        ? `did not finish within ${PDF_TIMEOUT_MS / 1000} s`
        : `failed (${error.message.split('\n')[0]})`;
      reject(
        new DynoError('internal', `Printing the report to PDF with ${file} ${why}.${tail(stderr)}`, { cause: error }),
      );
    });
  });
}

function tail(stderr: string): string {
  const lines = stderr.trim().split('\n').slice(-8).join('\n');
  return lines ? ` Its last output:\n${lines}` : '';
}
