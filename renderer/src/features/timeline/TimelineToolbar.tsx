/** The line above the plot: live or replay, what is drawn of what was sampled, the zoom reset. */
import { formatCount, formatMs } from '../../../../electron/shared/format.js';
import type { Dataset } from './model/datasets.js';
import type { TimeWindow } from './model/window.js';
import type { TimelineError } from './errors.js';

export function TimelineToolbar(props: {
  live: boolean;
  dataset: Dataset | null;
  window: TimeWindow;
  zoomed: boolean;
  onReset(): void;
  error: TimelineError | null;
}) {
  const { live, dataset, window, zoomed, onReset, error } = props;
  const series = dataset?.columns.size ?? 0;
  return (
    <div className="tl-toolbar">
      <span className={live ? 'tl-badge tl-badge-live' : 'tl-badge'}>{live ? 'Live' : 'Recorded'}</span>
      <span className="tl-muted">
        {dataset ? `${formatMs(window.toMs - window.fromMs)} shown` : ''}
        {dataset && series > 0 && dataset.rawCount > dataset.pointCount
          ? ` · ${formatCount(Math.round(dataset.pointCount / series))} of ${formatCount(Math.round(dataset.rawCount / series))} samples per series drawn (min/max kept)`
          : ''}
      </span>
      {error && (
        <span className="tl-warning" role="status" title={error.message}>
          Could not load this window at full resolution
        </span>
      )}
      <span className="tl-hint">Drag: zoom · Shift+drag, ←/→: pan · Ctrl+wheel, W/S: zoom · 0: reset</span>
      <button type="button" className="btn small" data-testid="zoom-reset" onClick={onReset} disabled={!zoomed}>
        Reset zoom
      </button>
    </div>
  );
}
