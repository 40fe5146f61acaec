/** The recent-models list and its file in the userData folder (a temporary folder here). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT, RecentModels, withRecent } from '../../../electron/hosts/desktop/recent.js';
import { tempDir } from '../../helpers/paths.js';

describe('updating the recent list', () => {
  it('puts the newest first without duplicates and keeps at most the limit', () => {
    expect(withRecent([], '/a.onnx')).toEqual(['/a.onnx']);
    expect(withRecent(['/a.onnx', '/b.onnx'], '/b.onnx')).toEqual(['/b.onnx', '/a.onnx']);
    const full = Array.from({ length: RECENT_LIMIT }, (_, i) => `/m${i}.onnx`);
    const next = withRecent(full, '/new.onnx');
    expect(next).toHaveLength(RECENT_LIMIT);
    expect(next[0]).toBe('/new.onnx');
    expect(next).not.toContain(`/m${RECENT_LIMIT - 1}.onnx`);
  });
});

describe('the recent list on disk', () => {
  it('survives a restart of the app', () => {
    const file = join(tempDir('recent'), 'nested', 'recent-models.json');
    const first = new RecentModels(file);
    first.add('/a.onnx');
    first.add('/b.onnx');
    expect(new RecentModels(file).entries()).toEqual(['/b.onnx', '/a.onnx']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['/b.onnx', '/a.onnx']);
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON that is not a list', '{"recent": ["/a.onnx"]}'],
  ])('starts empty from a damaged file (%s) and replaces it on the next open', (_name, content) => {
    const file = join(tempDir('recent-bad'), 'recent-models.json');
    writeFileSync(file, content);
    const recent = new RecentModels(file);
    expect(recent.entries()).toEqual([]);
    recent.add('/a.onnx');
    expect(new RecentModels(file).entries()).toEqual(['/a.onnx']);
  });

  it('drops entries that are not paths', () => {
    const file = join(tempDir('recent-mixed'), 'recent-models.json');
    writeFileSync(file, JSON.stringify(['/a.onnx', 3, null, '', '/b.onnx']));
    expect(new RecentModels(file).entries()).toEqual(['/a.onnx', '/b.onnx']);
  });

  it('clears the list on disk too', () => {
    const file = join(tempDir('recent-clear'), 'recent-models.json');
    const recent = new RecentModels(file);
    recent.add('/a.onnx');
    recent.clear();
    expect(new RecentModels(file).entries()).toEqual([]);
  });
});
