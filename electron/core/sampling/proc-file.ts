/**
 * A /proc file kept open between reads. open/read/close of nine files at 50 Hz cost ~2 %
 * of a core on the reference machine (DESIGN.md); a descriptor opened once and re-read
 * at offset 0 (pread) makes the kernel regenerate the content without path lookups.
 */
import fs from 'node:fs';

/**
 * One scratch buffer serves every file: reads are synchronous and each is decoded to a
 * string before the next, so sharing is safe and the sampler allocates no buffers per tick.
 */
let scratch = Buffer.allocUnsafe(16 * 1024);

/** errno codes that mean the file's process has exited (or the file never existed). */
const GONE_CODES = new Set(['ENOENT', 'ESRCH']);

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export class ProcFile {
  private fd: number | null;

  private constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens `path` for repeated reads; null when it does not exist or may not be read
   * (a vanished pid, a kernel without /proc/pressure, /proc/<pid>/io of another user).
   */
  static open(path: string): ProcFile | null {
    try {
      return new ProcFile(path, fs.openSync(path, 'r'));
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && (GONE_CODES.has(code) || code === 'EACCES' || code === 'EPERM')) return null;
      throw err;
    }
  }

  /**
   * The file's current content, or null once it is gone: a /proc/<pid> file whose process
   * has exited fails with ESRCH (ENOENT on some kernels). The file is closed then.
   */
  read(): string | null {
    if (this.fd === null) return null;
    try {
      for (;;) {
        const length = fs.readSync(this.fd, scratch, 0, scratch.length, 0);
        // A full buffer may mean a truncated read (e.g. /proc/stat on a 256-core machine):
        // grow once and read again from offset 0 so the text is one consistent snapshot.
        if (length < scratch.length) return scratch.toString('latin1', 0, length);
        scratch = Buffer.allocUnsafe(scratch.length * 2);
      }
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && GONE_CODES.has(code)) {
        this.close();
        return null;
      }
      throw err;
    }
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }
}

/** Reads the first `maxBytes` of a file once (no descriptor kept); null when it cannot be read. */
export function readHead(path: string, maxBytes: number): string | null {
  let fd: number;
  try {
    fd = fs.openSync(path, 'r');
  } catch {
    // Optional inputs (smaps for the page size): the caller has a fallback.
    return null;
  }
  try {
    const buffer = Buffer.allocUnsafe(maxBytes);
    const length = fs.readSync(fd, buffer, 0, maxBytes, 0);
    return buffer.toString('latin1', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}
