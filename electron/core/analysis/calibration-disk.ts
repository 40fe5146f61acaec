/**
 * The disk part of a calibration: write an incompressible scratch file, evict it from
 * the page cache, read it back sequentially and time the read. Runs in the worker.
 */
import { randomFillSync } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, statfs, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { evictFromPageCache, processReadBytes } from '../inference/load.js';
import type { DiskMeasurement } from './calibration-protocol.js';
import type { Tick } from './calibration-bench.js';

/** statfs magic numbers of file systems that live in RAM: their reads never touch a disk. */
const MEMORY_FS_TYPES = new Set([0x01021994 /* tmpfs */, 0x858458f6 /* ramfs */]);

async function memoryBacked(dir: string): Promise<boolean> {
  try {
    return MEMORY_FS_TYPES.has((await statfs(dir)).type);
  } catch {
    return false; // statfs unsupported here: nothing says the folder is in RAM.
  }
}

/**
 * The first candidate folder on a real disk (created if missing), since /tmp is often
 * tmpfs; else the first writable one, reported as in memory.
 */
export async function chooseScratchDir(candidates: string[]): Promise<{ dir: string; inMemory: boolean }> {
  let fallback: string | null = null;
  for (const dir of candidates) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      continue; // not creatable (read-only home, say): try the next candidate.
    }
    if (!(await memoryBacked(dir))) return { dir, inMemory: false };
    fallback ??= dir;
  }
  if (fallback === null) throw new Error(`no writable folder for the disk test among ${candidates.join(', ')}`);
  return { dir: fallback, inMemory: true };
}

const BLOCK_BYTES = 4096;

/** Writes `bytes` of random data, every 4 KiB block stamped unique so nothing compresses or dedupes. */
async function writeScratchFile(path: string, bytes: number, chunkBytes: number, tick: () => void): Promise<void> {
  const chunk = randomFillSync(Buffer.alloc(chunkBytes));
  const handle = await open(path, 'w');
  try {
    for (let offset = 0, index = 0; offset < bytes; offset += chunkBytes, index++) {
      for (let block = 0; block < chunkBytes; block += BLOCK_BYTES) chunk.writeUInt32LE(index, block);
      await handle.write(chunk, 0, Math.min(chunkBytes, bytes - offset), offset);
      tick();
    }
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Reads the file front to back; returns the time the reads took. */
async function timeSequentialRead(path: string, bytes: number, chunkBytes: number, tick: () => void): Promise<number> {
  const buffer = Buffer.alloc(chunkBytes);
  const handle = await open(path, 'r');
  try {
    const start = process.hrtime.bigint();
    for (let offset = 0; offset < bytes;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
      tick();
    }
    return Number(process.hrtime.bigint() - start) / 1e6;
  } finally {
    await handle.close();
  }
}

/** Ticks a disk measurement makes: one per chunk written and one per chunk read. */
export const diskTicks = (bytes: number, chunkBytes: number) => 2 * Math.ceil(bytes / chunkBytes);

/**
 * MB/s of a sequential read, cold when the page cache could be evicted and
 * `/proc/self/io` shows the bytes really came from storage; otherwise the file is read
 * again, now certainly cached, and the warm figure is reported as such.
 */
export async function measureDiskRead(
  scratchDirs: string[],
  bytes: number,
  chunkBytes: number,
  tick: Tick,
): Promise<DiskMeasurement> {
  const { dir, inMemory } = await chooseScratchDir(scratchDirs);
  const path = join(dir, `calibration-${process.pid}.bin`);
  const mb = Math.round(bytes / 1e6);
  try {
    await writeScratchFile(path, bytes, chunkBytes, () => tick(`disk: writing ${mb} MB`));
    const evicted = !inMemory && (await evictFromPageCache(path));
    const before = await processReadBytes();
    const firstMs = await timeSequentialRead(path, bytes, chunkBytes, () => tick(`disk: reading ${mb} MB`));
    const after = await processReadBytes();
    const fromStorage = before !== null && after !== null ? after - before : null;
    const cold = evicted && fromStorage !== null && fromStorage >= 0.9 * bytes;
    if (cold) return { readMBps: bytes / 1e6 / (firstMs / 1000), cold, fileBytes: bytes, dir, note: '' };
    const warmMs = await timeSequentialRead(path, bytes, chunkBytes, () => {});
    const note = inMemory
      ? `${dir} is in memory (tmpfs): warm read only`
      : !evicted
        ? 'the page cache could not be evicted: warm read'
        : `only ${fromStorage ?? 'unknown'} of ${bytes} bytes came from storage after eviction: warm read`;
    return { readMBps: bytes / 1e6 / (warmMs / 1000), cold: false, fileBytes: bytes, dir, note };
  } finally {
    await unlink(path).catch(() => {
      // Already gone or never created (the write failed): nothing to clean up.
    });
  }
}
