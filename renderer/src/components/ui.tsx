/** Small building blocks every screen uses, so figures look and read the same everywhere. */
import type { ReactNode } from 'react';
import type { BottleneckLabel } from '../../../electron/shared/analysis.js';
import type { SessionStatus } from '../../../electron/shared/session.js';
import { LABEL_TEXT, labelColor, STATUS_TEXT } from './labels.js';

export function StatusBadge(props: { status: SessionStatus }) {
  return (
    <span className={`badge status-${props.status}`} data-testid="status-badge">
      {STATUS_TEXT[props.status]}
    </span>
  );
}

export function LabelChip(props: { label: BottleneckLabel }) {
  return (
    <span className="label-chip" style={{ ['--chip' as string]: labelColor(props.label) }}>
      <span className="swatch" />
      {LABEL_TEXT[props.label]}
    </span>
  );
}

/** One figure with its name; `muted` marks a value that was not measured (n/a). */
export function Stat(props: { label: string; value: string; hint?: string; wide?: boolean }) {
  const missing = props.value === 'n/a';
  return (
    <div className={`stat${props.wide ? ' wide' : ''}`} title={props.hint}>
      <div className="stat-label">{props.label}</div>
      <div className={`stat-value${missing ? ' missing' : ''}`}>{props.value}</div>
    </div>
  );
}

export function StatGrid(props: { children: ReactNode; testId?: string }) {
  return (
    <div className="stat-grid" data-testid={props.testId}>
      {props.children}
    </div>
  );
}

/** `fraction` in 0…1, or null when the total is not known (a duration run): an indeterminate bar. */
export function ProgressBar(props: { fraction: number | null; label?: string; testId?: string }) {
  const pct = props.fraction === null ? null : Math.max(0, Math.min(1, props.fraction)) * 100;
  return (
    <div
      className={`progress${pct === null ? ' indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct === null ? undefined : Math.round(pct)}
      data-testid={props.testId}
    >
      <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

export function ConfidenceBar(props: { confidence: number; label: BottleneckLabel }) {
  const pct = Math.round(props.confidence * 100);
  return (
    <div className="confidence" title={`confidence ${pct} %: how clearly the evidence separates this class`}>
      <div className="confidence-track">
        <div className="confidence-fill" style={{ width: `${pct}%`, background: labelColor(props.label) }} />
      </div>
      <span className="confidence-value">{pct} %</span>
    </div>
  );
}

export function Panel(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`panel ${props.className ?? ''}`} data-testid={props.testId}>
      {(props.title || props.actions) && (
        <header className="panel-header">
          <h2>{props.title}</h2>
          <div className="panel-actions">{props.actions}</div>
        </header>
      )}
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

export function Kbd(props: { children: ReactNode }) {
  return <kbd className="kbd">{props.children}</kbd>;
}

/** The modifier key as this platform writes it. */
export const MOD = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** A labelled form field with its hint as a tooltip and its error under it. */
export function Field(props: { label: string; hint?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <label className={`field${props.error ? ' invalid' : ''}`} title={props.hint}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error && <span className="field-error">{props.error}</span>}
    </label>
  );
}
