/** The connection-lost banner and the transient notice at the bottom of the window. */
import { useEffect } from 'react';
import { useActions, useAppState } from '../state/app-store.js';

export function ConnectionBanner() {
  const reason = useAppState((s) => s.connectionLost);
  if (!reason) return null;
  return (
    <div className="banner danger" role="alert" data-testid="connection-lost">
      <strong>Connection lost.</strong> {reason}{' '}
      <button type="button" className="btn small" onClick={() => window.location.reload()}>
        Reconnect
      </button>
    </div>
  );
}

export function NoticeToast() {
  const notice = useAppState((s) => s.notice);
  const actions = useActions();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(actions.dismissNotice, notice.tone === 'error' ? 9000 : 5000);
    return () => clearTimeout(timer);
  }, [notice, actions]);
  if (!notice) return null;
  return (
    <div className={`toast ${notice.tone}`} role="status" data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" className="btn ghost small" onClick={actions.dismissNotice} aria-label="dismiss">
        ✕
      </button>
    </div>
  );
}
