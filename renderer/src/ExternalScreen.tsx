/**
 * The screens built in their own feature folders (timeline, what-if, compare, LLM):
 * this frame gives each the inputs it needs, or says what is missing. Each view owns
 * its root element and `screen-*` test id once its inputs are here.
 */
import type { ProfilerApi } from '../../electron/shared/api.js';
import { CompareView } from './features/compare/index.js';
import { LlmView } from './features/llm/index.js';
import { SessionGate } from './features/sessions/SessionGate.js';
import { SessionSummary } from './features/sessions/SessionSummary.js';
import { Timeline } from './features/timeline/index.js';
import { WhatIfView } from './features/whatif/index.js';
import { Loading } from './components/states.js';
import { useAppState } from './state/app-store.js';
import type { ScreenId } from './state/screens.js';

export function ExternalScreen(props: { screen: ScreenId; api: ProfilerApi }) {
  const testId = `screen-${props.screen}`;
  switch (props.screen) {
    case 'timeline':
      return <TimelineScreen api={props.api} />;
    case 'compare':
      return <CompareScreen api={props.api} />;
    case 'whatif':
      return (
        <SessionGate testId={testId} bare>
          {(result, sessionId) => <WhatIfGate api={props.api} sessionId={sessionId} result={result} />}
        </SessionGate>
      );
    case 'llm':
      return (
        <SessionGate testId={testId} bare>
          {(result) => <LlmView result={result} />}
        </SessionGate>
      );
    default:
      return null;
  }
}

/** The summary strip above the timeline; the timeline itself runs before the first summary arrives. */
function TimelineScreen(props: { api: ProfilerApi }) {
  const live = useAppState((s) => s.live);
  const result = useAppState((s) => s.result.data);
  const analysis = useAppState((s) => s.analysis.data);
  const sessionId = useAppState((s) => s.sessionId);
  const shown = result?.sessionId === sessionId ? result : null;
  // Without a session the gate says what to do; it renders nothing else.
  if (!sessionId) return <SessionGate testId="screen-timeline">{() => null}</SessionGate>;
  return (
    <div className="timeline-screen">
      {shown && <SessionSummary result={shown} />}
      <Timeline
        key={sessionId}
        api={props.api}
        sessionId={sessionId}
        live={live}
        result={shown}
        analysis={analysis?.sessionId === sessionId ? analysis : null}
      />
    </div>
  );
}

function CompareScreen(props: { api: ProfilerApi }) {
  const sessions = useAppState((s) => s.sessions.data);
  const currentId = useAppState((s) => s.sessionId);
  if (!sessions)
    return (
      <div className="screen" data-testid="screen-compare">
        <Loading label="Listing sessions…" />
      </div>
    );
  return <CompareView api={props.api} sessions={sessions} currentId={currentId} />;
}

/** Projections need a finished session: a running one has no measured p50 yet. */
function WhatIfGate(props: {
  api: ProfilerApi;
  sessionId: string;
  result: Parameters<typeof WhatIfView>[0]['result'];
}) {
  const live = useAppState((s) => s.live);
  if (live)
    return (
      <div className="screen" data-testid="screen-whatif">
        <Loading label="What-if projects the session once the profile ends…" />
      </div>
    );
  return <WhatIfView key={props.sessionId} api={props.api} sessionId={props.sessionId} result={props.result} />;
}
