/**
 * Generation metrics of an LLM session, named and defined as vLLM's serving benchmarks
 * define them, for one sweep combination at a time, with the sweep drawn against each
 * dimension it varied.
 */
import { useState } from 'react';
import { formatMs } from '../../../../electron/shared/format.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { EmptyState } from '../../components/states.js';
import { formatPerSec } from '../../components/format.js';
import { Panel } from '../../components/ui.js';
import { PercentileChart, SweepChart } from './LlmCharts.js';
import { ThreadSweepChart } from './ThreadSweepChart.js';
import { type Tile, combinationLabel, llmTiles } from './llm-rows.js';

export function LlmView(props: { result: ProfileResult }) {
  const { result } = props;
  const [index, setIndex] = useState(0);
  if (!result.llm) {
    return (
      <div className="screen llm" data-testid="screen-llm">
        <NoLlm result={result} />
        {result.threadSweep.length > 0 && (
          <Panel title="Thread sweep">
            <ThreadSweepChart sweep={result.threadSweep} fit={result.amdahl} />
          </Panel>
        )}
      </div>
    );
  }
  const combinations = result.sweep.length > 0 ? result.sweep : [result.llm];
  const summary = combinations[Math.min(index, combinations.length - 1)] ?? result.llm;
  const tiles = llmTiles(summary);
  return (
    <div className="screen llm" data-testid="screen-llm">
      <header className="screen-title">
        <h1>LLM generation</h1>
        <code>{result.model.path}</code>
      </header>
      <Panel
        title={`Headline metrics · ${summary.requests} requests${summary.kvCache ? '' : ' · no KV cache'}`}
        actions={
          combinations.length > 1 && (
            <label className="llm-combination">
              <span className="llm-muted">Combination</span>
              <select
                className="input"
                value={Math.min(index, combinations.length - 1)}
                onChange={(e) => setIndex(Number(e.target.value))}
                data-testid="llm-combination"
              >
                {combinations.map((s, i) => (
                  <option key={combinationLabel(s)} value={i}>
                    {combinationLabel(s)}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      >
        {combinations.length === 1 && <p className="llm-muted llm-context">{combinationLabel(summary)}</p>}
        <div className="llm-tiles" data-testid="llm-tiles">
          {tiles.map((tile, i) => (
            <TileView key={tile.key} tile={tile} note={i + 1} />
          ))}
        </div>
        <Footnotes tiles={tiles} />
      </Panel>
      <div className="llm-grid">
        <Panel title="Inter-token latency by percentile">
          <PercentileChart summary={summary} />
        </Panel>
        <Panel title="TTFT p50 against prompt length">
          <SweepChart
            sweep={result.sweep}
            x="promptTokens"
            metric={(s) => s.ttftMs.p50}
            format={(v) => formatMs(v)}
            testId="llm-sweep-prompt"
          />
        </Panel>
        <Panel title="Output tokens/s against batch">
          <SweepChart
            sweep={result.sweep}
            x="batch"
            metric={(s) => s.outputTokensPerSec}
            format={(v) => formatPerSec(v, 'tok/s')}
            testId="llm-sweep-batch"
          />
        </Panel>
        <Panel title="Output tokens/s against output length">
          <SweepChart
            sweep={result.sweep}
            x="outputTokens"
            metric={(s) => s.outputTokensPerSec}
            format={(v) => formatPerSec(v, 'tok/s')}
            testId="llm-sweep-output"
          />
        </Panel>
      </div>
      {result.threadSweep.length > 0 && (
        <Panel title="Thread sweep">
          <ThreadSweepChart sweep={result.threadSweep} fit={result.amdahl} />
        </Panel>
      )}
    </div>
  );
}

function TileView(props: { tile: Tile; note: number }) {
  const { tile } = props;
  return (
    <div className="llm-tile" title={tile.definition} data-testid={`llm-tile-${tile.key}`}>
      <div className="llm-tile-label">
        {tile.label}
        <sup>{props.note}</sup>
      </div>
      <div className={`llm-tile-value${tile.value === 'n/a' ? ' missing' : ''}`}>{tile.value}</div>
      <div className="llm-tile-detail">{tile.detail}</div>
    </div>
  );
}

function Footnotes(props: { tiles: Tile[] }) {
  return (
    <ol className="llm-footnotes" data-testid="llm-definitions">
      {props.tiles.map((tile) => (
        <li key={tile.key}>
          <strong>{tile.label.replace(/ p50$/, '')}</strong>: {tile.definition}
        </li>
      ))}
    </ol>
  );
}

function NoLlm(props: { result: ProfileResult }) {
  const off = props.result.settings.llm === 'off';
  return (
    <EmptyState title="No LLM generation metrics in this session" testId="llm-empty">
      <p>
        {off
          ? 'This session ran with LLM generation set to off.'
          : `${props.result.model.path} does not have a decoder's layout (input_ids in, logits out, past_key_values.* / present.* for a cache, as Optimum exports it), so it ran as a plain model.`}
      </p>
      <p>
        To measure TTFT, TPOT, inter-token latency and tokens/s, profile a decoder — for example the bundled{' '}
        <code>models/decoder.onnx</code> — with LLM set to <strong>auto</strong> or <strong>on</strong> in Run setup
        (CLI: <code>modeldyno profile models/decoder.onnx --llm on</code>). Several prompt lengths, output lengths and
        batch sizes make a sweep.
      </p>
    </EmptyState>
  );
}
