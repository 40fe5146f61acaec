/**
 * The screens built in their own feature folders (timeline, what-if, compare, LLM):
 * this frame gives each the inputs it needs, or says what is missing.
 */
import type { ProfilerApi } from '../../electron/shared/api.js';
import { EmptyState } from './components/states.js';
import { SessionGate } from './features/sessions/SessionGate.js';
import { SessionSummary } from './features/sessions/SessionSummary.js';
import { WhatIfView } from './features/whatif/index.js';
import type { ScreenId } from './state/screens.js';

export function ExternalScreen(props: { screen: ScreenId; api: ProfilerApi }) {
  const testId = `screen-${props.screen}`;
  if (props.screen === 'compare') {
    return (
      <div className="screen" data-testid={testId}>
        <Pending name="Compare" />
      </div>
    );
  }
  if (props.screen === 'whatif') {
    return (
      <SessionGate testId={testId} bare>
        {(result, sessionId) => <WhatIfView key={sessionId} api={props.api} sessionId={sessionId} result={result} />}
      </SessionGate>
    );
  }
  return (
    <SessionGate testId={testId}>
      {(result) => (
        <>
          {props.screen === 'timeline' && <SessionSummary result={result} />}
          <Pending name={props.screen} />
        </>
      )}
    </SessionGate>
  );
}

function Pending(props: { name: string }) {
  return <EmptyState title={`The ${props.name} view is not in this build yet.`} />;
}
