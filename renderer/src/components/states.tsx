/** Empty, loading and error states: every screen says why it shows nothing and what to do. */
import type { ReactNode } from 'react';
import type { ErrorInfo } from '../../../electron/shared/errors.js';

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={props.testId ?? 'empty-state'}>
      <div className="empty-title">{props.title}</div>
      {props.children && <div className="empty-body">{props.children}</div>}
      {props.action && <div className="empty-action">{props.action}</div>}
    </div>
  );
}

export function Loading(props: { label: string }) {
  return (
    <div className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {props.label}
    </div>
  );
}

const KIND_TITLE: Partial<Record<ErrorInfo['kind'], string>> = {
  'model-not-found': 'Model not found',
  'model-invalid': 'Not a valid ONNX model',
  'model-unsupported': 'Model not supported',
  'provider-unavailable': 'Execution provider unavailable',
  'input-invalid': 'Inputs could not be made',
  'run-failed': 'Inference failed',
  'worker-crashed': 'The inference worker crashed',
  'out-of-memory': 'The worker ran out of memory',
  'worker-timeout': 'The inference worker timed out',
  'session-not-found': 'Session not found',
  'session-invalid': 'Session unreadable',
  forbidden: 'Not allowed by the host',
  busy: 'Busy',
};

export function ErrorBox(props: { error: ErrorInfo; title?: string; action?: ReactNode }) {
  return (
    <div className="error-box" role="alert" data-testid="error-box">
      <div className="error-title">
        {props.title ?? KIND_TITLE[props.error.kind] ?? 'Something failed'}
        <span className="error-kind">{props.error.kind}</span>
      </div>
      <div className="error-message">{props.error.message}</div>
      {props.action && <div className="error-action">{props.action}</div>}
    </div>
  );
}
