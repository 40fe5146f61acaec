/**
 * Live sessions over the web host: every tab watching a run sees every sample, and a tab
 * that stops reading (a background tab, a frozen page) neither holds the others back nor
 * makes the host queue its samples without bound.
 */
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { JOURNAL_FILE } from '../../../electron/core/recording/store.js';
import { readJournal } from '../../../electron/core/recording/journal.js';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/server.js';
import { MAX_BUFFERED_BYTES, MAX_IN_FLIGHT_CALLS } from '../../../electron/hosts/web/socket.js';
import type { ProfilerApi } from '../../../electron/shared/api.js';
import type { ServerMessage } from '../../../electron/shared/messages.js';
import type { Sample } from '../../../electron/shared/sample.js';
import { modelPath, repoRoot, tempDir, testHome } from '../../helpers/paths.js';
import { fakeBuild } from './build.js';
import { connectApi } from './client.js';

const CLIENTS = 20;

/** The samples one client received, by session, and the sessions it saw end. */
class Watcher {
  readonly samples = new Map<string, Sample[]>();
  private readonly ended = new Map<string, () => void>();
  private readonly endedIds = new Set<string>();

  constructor(socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (!('event' in message)) return;
      if (message.event === 'onSample') {
        const { sessionId, sample } = message.data as { sessionId: string; sample: Sample };
        this.samples.set(sessionId, [...(this.samples.get(sessionId) ?? []), sample]);
        return;
      }
      const change = message.data as { sessionId: string; change: string };
      if (message.event === 'onSessionChange' && change.change === 'ended') {
        this.endedIds.add(change.sessionId);
        this.ended.get(change.sessionId)?.();
      }
    });
  }

  /** Resolves once this client has seen `sessionId` end. */
  untilEnded(sessionId: string): Promise<void> {
    if (this.endedIds.has(sessionId)) return Promise.resolve();
    return new Promise((resolve) => this.ended.set(sessionId, resolve));
  }

  samplesOf = (sessionId: string) => this.samples.get(sessionId) ?? [];
}

let host: WebHost;
let sessionsDir: string;
const previousHome = process.env.MODELDYNO_HOME;

beforeAll(async () => {
  // The machine profile calibrated once by tests/global-setup.ts lives there.
  process.env.MODELDYNO_HOME = testHome;
  sessionsDir = tempDir('web-live');
  host = await startWebHost({ rendererDir: fakeBuild(), sessionsDir, roots: [join(repoRoot, 'models')] });
});

afterAll(async () => {
  await host?.close();
  if (previousHome === undefined) delete process.env.MODELDYNO_HOME;
  else process.env.MODELDYNO_HOME = previousHome;
});

/** The samples the session recorded, in journal order. */
function journalSamples(sessionId: string): Sample[] {
  const { records } = readJournal(join(sessionsDir, sessionId, JOURNAL_FILE));
  return records.flatMap((record) => (record.type === 'sample' ? [record.sample] : []));
}

/** The TCP socket under a ws client: pausing it stops reading as a frozen tab does, while sending goes on. */
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

async function profile(api: ProfilerApi, settings: { durationS: number; hz: number }): Promise<string> {
  const { sessionId } = await api.startProfile({
    modelPath: modelPath('mlp.onnx'),
    settings: { warmup: 0, ...settings },
  });
  return sessionId;
}

describe('the web host during a live session', () => {
  let firstSession: string;

  it(`sends every sample, in order and once, to each of ${CLIENTS} clients watching`, async () => {
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connectApi(host)));
    const watchers = clients.map(({ socket }) => new Watcher(socket));
    firstSession = await profile(clients[0]!.api, { durationS: 3, hz: 50 });
    await Promise.all(watchers.map((watcher) => watcher.untilEnded(firstSession)));

    const recorded = journalSamples(firstSession);
    expect(recorded.length).toBeGreaterThan(50); // 3 s at 50 Hz: a real stream, not a handful
    for (const watcher of watchers) expect(watcher.samplesOf(firstSession)).toEqual(recorded);
    expect(host.stats().droppedSamples).toBe(0);
    clients.forEach(({ socket }) => socket.close());
  });

  it('drops the samples of a client that stops reading, and only its own', async () => {
    const healthy = await connectApi(host);
    const watcher = new Watcher(healthy.socket);
    const stalled = await connectApi(host);
    const stalledWatcher = new Watcher(stalled.socket);
    // The tab stops reading: TCP fills, then the host's queue for it grows with each reply.
    tcpOf(stalled.socket).pause();
    const bigReply = (id: number) => ({
      id,
      method: 'querySeries',
      args: [{ sessionId: firstSession, maxPoints: 20_000 }],
    });
    let sent = 0;
    while (host.stats().bufferedBytes <= MAX_BUFFERED_BYTES) {
      expect(sent).toBeLessThan(10_000); // fails rather than spins if replies never pile up
      // Fewer than the in-flight limit at a time, so none is refused as busy.
      for (let i = 0; i < MAX_IN_FLIGHT_CALLS / 2; i++)
        stalled.socket.send(JSON.stringify(bigReply(1_000_000 + ++sent))); // ids clear of the API client's
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const before = host.stats();

    const sessionId = await profile(healthy.api, { durationS: 2, hz: 100 });
    await watcher.untilEnded(sessionId);
    const after = host.stats();

    const recorded = journalSamples(sessionId);
    expect(watcher.samplesOf(sessionId)).toEqual(recorded);
    expect(after.droppedSamples - before.droppedSamples).toBe(recorded.length);
    // Reading again, the tab gets what was queued for it, then the answer to a new call:
    // had its samples been queued rather than dropped, they would arrive before that answer.
    tcpOf(stalled.socket).resume();
    expect((await stalled.api.hostInfo()).kind).toBe('web');
    expect(stalledWatcher.samplesOf(sessionId)).toEqual([]);
    healthy.socket.close();
    stalled.socket.close();
  });
});
