/** Why a session's figures may be partial: it failed, stopped early, was cancelled, or lacks a part (its notes). */
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { ErrorBox } from '../../components/states.js';

export function SessionNotice(props: { result: ProfileResult }) {
  const notes = props.result.notes ?? [];
  return (
    <>
      <StatusNotice result={props.result} />
      {notes.map((note) => (
        <div key={note} className="banner info" data-testid="session-note">
          {note}
        </div>
      ))}
    </>
  );
}

function StatusNotice(props: { result: ProfileResult }) {
  const { status, error } = props.result;
  if (status === 'failed')
    return (
      <ErrorBox
        title="This session failed"
        error={error ?? { kind: 'internal', message: 'The host recorded no reason.' }}
      />
    );
  if (status === 'incomplete')
    return (
      <div className="banner info" data-testid="session-incomplete">
        The worker stopped before the session ended{error ? `: ${error.message}` : ''}. The figures cover what was
        recorded up to then.
      </div>
    );
  if (status === 'cancelled')
    return (
      <div className="banner info" data-testid="session-cancelled">
        Cancelled: the figures cover the runs that finished before the cancel.
      </div>
    );
  return null;
}
