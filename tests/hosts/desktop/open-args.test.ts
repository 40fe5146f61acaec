/** Which model a launch asks to open, and holding it until the renderer can take it. */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelPathFromArgv, ModelInbox } from '../../../electron/hosts/desktop/open-args.js';

const cwd = resolve('/home/user/projects');
const model = resolve('/data/models/resnet.onnx');

describe('finding the model in a launch command line', () => {
  it.each<[string, string[], string | null]>([
    ['a packaged launch with no file', ['/opt/ModelDyno/modeldyno'], null],
    ['a development launch with no file', ['/usr/bin/electron', '.'], null],
    ['a packaged launch with an absolute path', ['/opt/ModelDyno/modeldyno', model], model],
    ['a development launch with an absolute path', ['/usr/bin/electron', '.', model], model],
    [
      'a relative path, resolved against the launching folder',
      ['modeldyno', 'nets/a.onnx'],
      join(cwd, 'nets', 'a.onnx'),
    ],
    ['an upper-case extension', ['modeldyno', model.replace('.onnx', '.ONNX')], model.replace('.onnx', '.ONNX')],
    ['a file:// URI from the desktop entry', ['modeldyno', pathToFileURL(model).href], model],
    [
      'the switches Chromium adds to a second instance',
      ['modeldyno', '--allow-file-access-from-files', '--original-process-start-time=1', model],
      model,
    ],
    ['a switch that merely ends in .onnx', ['modeldyno', '--model=x.onnx'], null],
    ['a file of another type', ['modeldyno', '/data/notes.txt'], null],
    ['the last of several models', ['modeldyno', '/a/first.onnx', model], model],
  ])('%s', (_name, argv, expected) => {
    expect(modelPathFromArgv(argv, cwd)).toBe(expected);
  });
});

describe('holding a model until the renderer has loaded', () => {
  const inbox = () => {
    const delivered: string[] = [];
    return { delivered, box: new ModelInbox((path) => delivered.push(path)) };
  };

  it('delivers a model that arrived before the page loaded once it has, and only once', () => {
    const { delivered, box } = inbox();
    box.open('/a.onnx');
    expect(delivered).toEqual([]);
    box.markReady();
    box.markReady(); // a reload replays nothing
    expect(delivered).toEqual(['/a.onnx']);
  });

  it('keeps only the newest of several early opens', () => {
    const { delivered, box } = inbox();
    box.open('/a.onnx');
    box.open('/b.onnx');
    box.markReady();
    expect(delivered).toEqual(['/b.onnx']);
  });

  it('delivers at once while the page is loaded, and waits again while it reloads', () => {
    const { delivered, box } = inbox();
    box.markReady();
    box.open('/a.onnx');
    box.markGone();
    box.open('/b.onnx');
    expect(delivered).toEqual(['/a.onnx']);
    box.markReady();
    expect(delivered).toEqual(['/a.onnx', '/b.onnx']);
  });
});
