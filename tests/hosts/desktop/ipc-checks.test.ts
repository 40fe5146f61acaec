/** What the IPC server decides from the renderer's messages before and after dispatching them. */
import { describe, expect, it } from 'vitest';
import { openedModelPath, parseExportedFile } from '../../../electron/hosts/desktop/ipc-checks.js';

const ok = { id: 1, ok: true as const, value: {} };
const failed = { id: 1, ok: false as const, error: { kind: 'model-invalid' as const, message: 'bad' } };

describe('noticing which model the page opened', () => {
  it('takes the path of a successful inspectModel call', () => {
    expect(openedModelPath({ id: 1, method: 'inspectModel', args: ['/m.onnx'] }, ok)).toBe('/m.onnx');
  });

  it.each([
    ['a failed inspectModel', { id: 1, method: 'inspectModel', args: ['/m.onnx'] }, failed],
    ['another method', { id: 1, method: 'startProfile', args: [{ modelPath: '/m.onnx' }] }, ok],
    ['a message that was no request', 'hello', null],
    ['a path that is not a string', { id: 1, method: 'inspectModel', args: [42] }, ok],
  ])('ignores %s', (_name, request, response) => {
    expect(openedModelPath(request, response)).toBeNull();
  });
});

describe('checking a file to save', () => {
  it('keeps a well-formed file as it is', () => {
    const file = { fileName: 'session.json', mimeType: 'application/json', content: '{}', encoding: 'utf8' };
    expect(parseExportedFile(file)).toEqual(file);
  });

  it('reduces a name with folders in it to a bare file name', () => {
    const file = { fileName: '../../.ssh/authorized_keys', mimeType: 'text/plain', content: 'x', encoding: 'utf8' };
    expect(parseExportedFile(file)?.fileName).toBe('authorized_keys');
    expect(parseExportedFile({ ...file, fileName: 'C:\\Windows\\x<y>.json' })?.fileName).toBe('x_y_.json');
  });

  it.each([
    ['not an object', 'session.json'],
    ['a missing content', { fileName: 'a.json', mimeType: 'application/json' }],
    ['content that is not text', { fileName: 'a.json', mimeType: 'application/json', content: 1 }],
    ['a name that is only a folder', { fileName: 'dir/', mimeType: 'text/plain', content: '' }],
    ['a dot-name', { fileName: '..', mimeType: 'text/plain', content: '', encoding: 'utf8' }],
    ['an unknown encoding', { fileName: 'a.dyno', mimeType: 'application/gzip', content: '', encoding: 'hex' }],
    ['no encoding', { fileName: 'a.json', mimeType: 'application/json', content: '{}' }],
  ])('refuses %s', (_name, value) => {
    expect(parseExportedFile(value)).toBeNull();
  });
});
