/**
 * The timeline alone on a page, for a session named in the hash (`#session=<id>`), as the
 * app shell would show it: the summary first, then the timeline, the analysis when it
 * arrives (`&analysis=off` leaves it out, to time the timeline alone; `&theme=light`). `npm run bench` measures the timeline through it when the app has no route
 * to a session's timeline, and it is a quick way to look at one without the shell.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AnalysisView, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ProfileResult } from '../../../../electron/shared/session.js';
import { connect } from '../../api/connect.js';
import '../../theme.css';
import '../../styles/app.css';
import '../../styles/states.css';
import { Timeline } from './index.js';

function Standalone(props: { api: ProfilerApi; sessionId: string; analyse: boolean }) {
  const { api, sessionId, analyse } = props;
  const [result, setResult] = useState<ProfileResult | null>(null);
  const [analysis, setAnalysis] = useState<AnalysisView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.openSession(sessionId).then(setResult, (e: unknown) => setError(String(e)));
    // A session the analysis cannot read (no model file here) still has a timeline.
    if (analyse) api.analyse(sessionId).then(setAnalysis, () => setAnalysis(null));
  }, [api, sessionId, analyse]);
  if (error) return <p role="alert">{error}</p>;
  if (!result) return <p>Opening {sessionId}…</p>;
  return (
    <Timeline api={api} sessionId={sessionId} live={result.status === 'running'} result={result} analysis={analysis} />
  );
}

const params = new URLSearchParams(window.location.hash.replace(/^#\/?/, ''));
document.documentElement.dataset.theme = params.get('theme') === 'light' ? 'light' : 'dark';
document.body.style.cssText = 'margin:0;background:var(--bg)';
connect().then(
  (connection) =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <Standalone
          api={connection.api}
          sessionId={params.get('session') ?? ''}
          analyse={params.get('analysis') !== 'off'}
        />
      </StrictMode>,
    ),
  (error: unknown) => {
    document.body.textContent = String(error);
  },
);
