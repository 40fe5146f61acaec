import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../../electron/core/recording/journal-record.js';
import { summarise } from '../../../electron/core/recording/summarise.js';
import { defaultSettings } from '../../../electron/shared/session.js';

describe('summarising a long session', () => {
  it('takes the peak RSS of an hour of 50 Hz samples without overflowing the stack', () => {
    const records: JournalRecord[] = [
      {
        type: 'header',
        schemaVersion: 1,
        sessionId: 'long',
        startedAt: '2026-11-29T00:00:00.000Z',
        hostPid: 1,
        modelPath: 'm.onnx',
        settings: defaultSettings,
      },
    ];
    // 200,000 samples: more than a spread into Math.max(...) survives.
    for (let i = 0; i < 200_000; i++) {
      const rss = i === 123_456 ? 9e9 : 1e9 + (i % 1000);
      records.push({ type: 'sample', sample: { tMs: i * 20, values: { 'proc.rssBytes': rss } } });
    }
    records.push({ type: 'end', status: 'complete' });
    expect(summarise(records, 'complete').peakRssBytes).toBe(9e9);
  });
});
