/**
 * The load half of a profile: read the file (timed, with bytes that came from storage
 * rather than the page cache), then create the ONNX Runtime session (timed).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import * as ort from 'onnxruntime-node';
import { DynoError } from '../../shared/errors.js';
import type { ProfileSettings } from '../../shared/session.js';

const execFileAsync = promisify(execFile);

/** Bytes this process has read from storage so far (Linux), or null where unknown. */
export async function processReadBytes(): Promise<number | null> {
  try {
    const io = await readFile('/proc/self/io', 'utf8');
    const match = /^read_bytes:\s*(\d+)/m.exec(io);
    return match ? Number(match[1]) : null;
  } catch {
    return null; // not Linux, or /proc hidden: the read is still timed, just not split.
  }
}

/**
 * Drops the file from the page cache without root: `dd iflag=nocache count=0` asks the
 * kernel (posix_fadvise DONTNEED) to forget its clean pages. Returns false off Linux.
 */
export async function evictFromPageCache(path: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    // Dirty pages (a file written moments ago) cannot be dropped until written back.
    const handle = await open(path, 'r');
    await handle.datasync().finally(() => handle.close());
    await execFileAsync('dd', [`if=${path}`, 'iflag=nocache', 'count=0'], { timeout: 30_000 });
    return true;
  } catch {
    return false; // dd missing or refused: the load is measured warm and reported so.
  }
}

export async function readModelFile(path: string): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new DynoError('model-not-found', `${path} is a folder; give the path of an .onnx file.`);
    }
    return await readFile(path);
  } catch (err) {
    if (err instanceof DynoError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new DynoError(
        'model-not-found',
        `No file at ${path}. Check the path (it is relative to ${process.cwd()}).`,
      );
    }
    if (code === 'EACCES') throw new DynoError('model-not-found', `${path} cannot be read: permission denied.`);
    throw new DynoError('model-not-found', `${path} cannot be read: ${(err as Error).message}`);
  }
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sessionOptions(
  settings: ProfileSettings,
  profilePrefix: string | null,
): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: settings.graphOptimization,
    executionProviders: [settings.executionProvider],
    logSeverityLevel: 3,
  };
  if (settings.intraOpThreads > 0) options.intraOpNumThreads = settings.intraOpThreads;
  if (settings.interOpThreads > 0) options.interOpNumThreads = settings.interOpThreads;
  if (profilePrefix !== null) {
    options.enableProfiling = true;
    options.profileFilePrefix = profilePrefix;
  }
  return options;
}

/**
 * Fails early, with the fix, when the execution provider is not in this build: ORT's own
 * message for that ("no available backend found") names neither the cause nor the cure.
 */
export function checkProvider(name: string): void {
  const backends = ort.listSupportedBackends();
  const backend = backends.find((b) => b.name === name);
  const bundled = backends.filter((b) => b.bundled).map((b) => b.name);
  if (!backend) {
    throw new DynoError(
      'provider-unavailable',
      `Execution provider "${name}" is not known to this ONNX Runtime build; available here: ${bundled.join(', ')}.`,
    );
  }
  if (!backend.bundled && name === 'cuda') {
    // The CUDA provider ships separately; onnxruntime-node installs it on request only.
    throw new DynoError(
      'provider-unavailable',
      `Execution provider "cuda" is not installed. Run \`ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node\` on a machine with CUDA 12, or use one of: ${bundled.join(', ')}.`,
    );
  }
}

/** Creates the session; ORT's message is kept, prefixed with what it means for the user. */
export async function createSession(
  source: Uint8Array | string,
  options: ort.InferenceSession.SessionOptions,
): Promise<ort.InferenceSession> {
  try {
    return typeof source === 'string'
      ? await ort.InferenceSession.create(source, options)
      : await ort.InferenceSession.create(source, options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/Failed to load (shared )?library|no available backend/i.test(message)) {
      throw new DynoError('provider-unavailable', `The execution provider could not be loaded: ${firstLine(message)}`);
    }
    if (ALLOCATION_FAILED.test(message)) {
      throw new DynoError(
        'out-of-memory',
        `ONNX Runtime ran out of memory creating the session: ${firstLine(message)} Profile on a machine with more memory, or check the sizes the model's constants ask for.`,
      );
    }
    const unsupported =
      /NOT_IMPLEMENTED|Could not find an implementation|not supported|Unsupported|Opset \d+ is under development/i.test(
        message,
      );
    throw new DynoError(
      unsupported ? 'model-unsupported' : 'model-invalid',
      `ONNX Runtime cannot create a session for this model: ${firstLine(message)}`,
    );
  }
}

/** ORT's messages when malloc (or its arena) refuses: a cap or a machine too small. */
export const ALLOCATION_FAILED = /Failed to allocate memory|bad_alloc|bad allocation|out of memory/i;

/**
 * `/onnxruntime_src/…/model_load_utils.h:46 void onnxruntime::…(const std::…&, int) ` in front
 * of ORT's message says where in ORT's source it was thrown, which no user can act on.
 */
const SOURCE_PREFIX = /^\/?\S+\.(?:h|cc|cpp):\d+ [^\n]*?\)(?: const)? (?=[A-Z*[])/;

export function firstLine(text: string): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? text).replace(SOURCE_PREFIX, '');
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}
