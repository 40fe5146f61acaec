/**
 * A stand-in for Electron's `UtilityProcess` built on child_process.fork, for tests on
 * machines where Electron cannot run. It follows Electron's documented behaviour
 * (electron.d.ts, lib/browser/api/utility-process.ts): `pid` undefined until 'spawn',
 * structured-clone messages, 'exit' with a code only, and the stderr stream dropped
 * right after 'exit'. The worker side is parent-port-child.ts.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { UtilityProcessLike } from '../../../../electron/hosts/desktop/utility-handle.js';

const childShim = fileURLToPath(new URL('./parent-port-child.ts', import.meta.url));

export class ForkedUtilityProcess extends EventEmitter implements UtilityProcessLike {
  private readonly child: ChildProcess;
  private spawnedPid: number | undefined;
  private stderrStream: PassThrough | null = new PassThrough();

  constructor(entry: { path: string; execArgv: string[] }) {
    super();
    this.child = fork(entry.path, [], {
      execArgv: [...entry.execArgv, '--import', childShim],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stderr?.pipe(this.stderrStream!);
    this.child.on('spawn', () => {
      this.spawnedPid = this.child.pid;
      this.emit('spawn');
    });
    this.child.on('message', (message) => this.emit('message', message));
    this.child.on('exit', (code, signal) => {
      // POSIX waitpid as Electron reports it: the signal number stands in for the code.
      this.emit('exit', code ?? (signal ? constants.signals[signal] : -1));
      this.spawnedPid = undefined;
      this.stderrStream?.removeAllListeners();
      this.stderrStream = null;
    });
  }

  get pid(): number | undefined {
    return this.spawnedPid;
  }

  get stderr(): NodeJS.ReadableStream | null {
    return this.stderrStream;
  }

  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}
