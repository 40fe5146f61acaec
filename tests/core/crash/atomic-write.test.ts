/**
 * Session files are replaced atomically: a reader at any moment sees the old file or
 * the new one, never a mix or a prefix, and no temp file outlives the write.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../electron/core/recording/store.js';
import { tempDir } from '../../helpers/paths.js';

/** 8 MiB: many write() calls and page-cache pages, so a non-atomic write is visible half done. */
const SIZE_BYTES = 8 * 1024 * 1024;
const VERSIONS = [Buffer.alloc(SIZE_BYTES, 'a'), Buffer.alloc(SIZE_BYTES, 'b')];

/**
 * Reads the file in a loop on another thread until told to stop, and reports each read
 * that is not one whole version: its length and first and last bytes. A plain JS string
 * keeps the reader free of the TypeScript loader.
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let stop = false;
parentPort.on('message', () => { stop = true; });
const reads = { whole: 0, partial: [] };
(function loop() {
  for (let i = 0; i < 20; i++) {
    let bytes;
    try { bytes = readFileSync(workerData.path); } catch (err) { reads.partial.push(String(err.code)); continue; }
    const first = bytes[0], last = bytes[bytes.length - 1];
    const whole = bytes.length === workerData.size && first === last && bytes.indexOf(first === 97 ? 98 : 97) === -1;
    if (whole) reads.whole++;
    else if (reads.partial.length < 5) reads.partial.push(bytes.length + ' bytes, ' + first + '…' + last);
  }
  if (stop) parentPort.postMessage(reads);
  else setImmediate(loop);
})();
`;

describe('writeFileAtomic', () => {
  it('never shows a reader a partly written file, however often it replaces it', async () => {
    const dir = tempDir('crash-atomic');
    const path = join(dir, 'session.json');
    writeFileSync(path, VERSIONS[0]!);
    const reader = new Worker(READER, { eval: true, workerData: { path, size: SIZE_BYTES } });
    const reads = new Promise<{ whole: number; partial: string[] }>((resolve, reject) => {
      reader.once('message', resolve);
      reader.once('error', reject);
    });
    // Keep replacing the file until the reader has had a fair chance to catch one mid-write.
    for (let i = 1; i <= 24; i++) writeFileAtomic(path, VERSIONS[i % 2]!);
    reader.postMessage('stop');
    const { whole, partial } = await reads;
    await reader.terminate();
    expect(partial).toEqual([]);
    expect(whole).toBeGreaterThan(0);
    expect(readFileSync(path).equals(VERSIONS[0]!)).toBe(true);
    expect(readdirSync(dir)).toEqual(['session.json']);
  });

  it('leaves no temp file behind when the write fails', () => {
    const dir = tempDir('crash-atomic-fail');
    // A folder where the file should go: the final rename cannot replace it.
    const path = join(dir, 'session.json');
    mkdirSync(join(path, 'occupied'), { recursive: true });
    expect(() => writeFileAtomic(path, '{}')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['session.json']);
  });
});
