/** Renders a screen once its session's summary is here; otherwise says what is missing. */
import type { ReactNode } from 'react';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { EmptyState, ErrorBox, Loading } from '../../components/states.js';
import { useActions, useAppState } from '../../state/app-store.js';

export function SessionGate(props: {
  testId: string;
  children(result: ProfileResult, sessionId: string): ReactNode;
  className?: string;
  /** The child screen carries its own root element and test id once the session is here. */
  bare?: boolean;
}) {
  const actions = useActions();
  const sessionId = useAppState((s) => s.sessionId);
  const result = useAppState((s) => s.result);
  let body: ReactNode;
  if (!sessionId)
    body = (
      <EmptyState
        title="No session open"
        action={
          <button type="button" className="btn" onClick={() => actions.show('start')}>
            Go to Start
          </button>
        }
      >
        Run a profile from Run setup, or open a recent session on the Start screen.
      </EmptyState>
    );
  else if (result.data && props.bare) return props.children(result.data, sessionId);
  else if (result.data) body = props.children(result.data, sessionId);
  else if (result.error) body = <ErrorBox error={result.error} />;
  else body = <Loading label="Reading the session…" />;
  return (
    <div className={`screen ${props.className ?? ''}`} data-testid={props.testId}>
      {body}
    </div>
  );
}
