/**
 * Everything the user can ask for, as async steps over the `ProfilerApi`: each one
 * dispatches what it starts and what came back, so screens only render state.
 */
import type { ExportedFile, ExportFormat, ProfilerApi } from '../../../electron/shared/api.js';
import type { DesktopShell } from '../../../electron/shared/shell.js';
import type { AppStore } from './app-store.js';
import { createCompressActions } from './compress-actions.js';
import { errorInfo } from './errors.js';
import { parseRunForm, type RunForm, saveRunForm, symbolicDimNames } from './run-form.js';
import type { ScreenId } from './screens.js';
import type { Theme } from './store.js';

export type Actions = ReturnType<typeof createActions>;

const THEME_KEY = 'modeldyno.theme';

export function storedTheme(): Theme {
  try {
    return localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark'; // storage blocked: the default theme
  }
}

/** Text as is; base64 (PDF, `.dyno`) back to the bytes it stands for. */
export function exportedBytes(file: ExportedFile): BlobPart {
  if (file.encoding === 'utf8') return file.content;
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A browser download through a temporary object URL, revoked once the download had time to start. */
function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([exportedBytes(file)], { type: file.mimeType }));
  const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createActions(api: ProfilerApi, store: AppStore, shell: DesktopShell | undefined) {
  const { dispatch, getState } = store;
  let noticeId = 0;

  /** The save dialog in the desktop app; in a browser, a download of the file's bytes. */
  async function saveExported(file: ExportedFile) {
    if (shell) {
      const written = await shell.saveFile(file);
      if (written) actions.notify(`Saved ${written}`);
      return;
    }
    downloadFile(file);
  }

  const actions = {
    show(screen: ScreenId) {
      dispatch({ type: 'screen', screen });
    },
    toggleShortcuts(open?: boolean) {
      const next = (open ?? getState().overlay !== 'shortcuts') ? 'shortcuts' : null;
      dispatch({ type: 'overlay', overlay: next });
    },
    toggleTheme() {
      const theme: Theme = getState().theme === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(THEME_KEY, theme);
      } catch {
        // Not remembered across reloads; the toggle still applies now.
      }
      dispatch({ type: 'theme', theme });
    },
    notify(text: string, tone: 'info' | 'error' = 'info') {
      dispatch({ type: 'notice', notice: { id: ++noticeId, text, tone } });
    },
    dismissNotice() {
      dispatch({ type: 'notice', notice: null });
    },
    setForm(form: RunForm) {
      saveRunForm(form);
      dispatch({ type: 'form', form });
    },

    async loadHost() {
      try {
        dispatch({ type: 'host', host: await api.hostInfo() });
      } catch (err) {
        actions.notify(`Could not ask the host what it allows: ${errorInfo(err).message}`, 'error');
      }
    },

    /** Inspects a model and shows it; the session, if any, stays open beside it. */
    async openModel(path: string) {
      dispatch({ type: 'model/open', path });
      dispatch({ type: 'screen', screen: 'model' });
      try {
        dispatch({ type: 'model/loaded', path, overview: await api.inspectModel(path) });
      } catch (err) {
        dispatch({ type: 'model/failed', path, error: errorInfo(err) });
      }
    },

    /** The native dialog in the desktop app; in a browser, the path field of the Start screen. */
    async chooseModel() {
      if (shell) {
        const path = await shell.openModelDialog();
        if (path) await actions.openModel(path);
        return;
      }
      dispatch({ type: 'screen', screen: 'start' });
      requestAnimationFrame(() => document.getElementById('model-path')?.focus());
    },

    async startProfile() {
      const state = getState();
      if (state.starting || state.live) return;
      if (!state.modelPath) {
        actions.notify('Open a model first (Ctrl+O).');
        dispatch({ type: 'screen', screen: 'start' });
        return;
      }
      const parsed = parseRunForm(state.form, symbolicDimNames(state.model.data?.inputs ?? []));
      if (!parsed.ok) {
        actions.notify('Some settings are not valid: see the marked fields.', 'error');
        dispatch({ type: 'screen', screen: 'run' });
        return;
      }
      dispatch({ type: 'start/pending', pending: true });
      try {
        const { sessionId } = await api.startProfile({ modelPath: state.modelPath, settings: parsed.settings });
        dispatch({ type: 'session/open', sessionId, live: true });
        dispatch({ type: 'screen', screen: 'timeline' });
        void actions.refreshResult();
      } catch (err) {
        actions.notify(`The profile did not start: ${errorInfo(err).message}`, 'error');
      } finally {
        dispatch({ type: 'start/pending', pending: false });
      }
    },

    async cancelProfile() {
      const { sessionId, live } = getState();
      if (!sessionId || !live) return;
      try {
        await api.cancelProfile(sessionId);
        actions.notify('Cancelling: the current run finishes and what was recorded is kept.');
      } catch (err) {
        actions.notify(`Could not cancel: ${errorInfo(err).message}`, 'error');
      }
    },

    /** Opens a stored (or running) session, and its model beside it. */
    async openSession(sessionId: string, screen: ScreenId = 'timeline') {
      const summary = getState().sessions.data?.find((s) => s.sessionId === sessionId);
      dispatch({ type: 'session/open', sessionId, live: summary?.status === 'running' });
      dispatch({ type: 'screen', screen });
      const result = await actions.refreshResult();
      const modelPath = result?.model.path ?? summary?.modelPath;
      if (modelPath && modelPath !== getState().modelPath) {
        dispatch({ type: 'model/open', path: modelPath });
        api.inspectModel(modelPath).then(
          (overview) => dispatch({ type: 'model/loaded', path: modelPath, overview }),
          (err: unknown) => dispatch({ type: 'model/failed', path: modelPath, error: errorInfo(err) }),
        );
      }
    },

    /** Re-reads the current session's summary; analyses it once it is no longer running. */
    async refreshResult() {
      const { sessionId } = getState();
      if (!sessionId) return null;
      try {
        const result = await api.openSession(sessionId);
        dispatch({ type: 'session/result', sessionId, result });
        if (result.status !== 'running') void actions.refreshAnalysis();
        return result;
      } catch (err) {
        dispatch({ type: 'session/result-failed', sessionId, error: errorInfo(err) });
        return null;
      }
    },

    async refreshAnalysis() {
      const { sessionId } = getState();
      if (!sessionId) return;
      dispatch({ type: 'session/analysis-loading', sessionId });
      try {
        dispatch({ type: 'session/analysis', sessionId, analysis: await api.analyse(sessionId) });
      } catch (err) {
        dispatch({ type: 'session/analysis-failed', sessionId, error: errorInfo(err) });
      }
    },

    async deleteSession(sessionId: string) {
      try {
        await api.deleteSession(sessionId);
        if (getState().sessionId === sessionId) dispatch({ type: 'session/close' });
        await actions.refreshSessions();
      } catch (err) {
        actions.notify(`Could not delete the session: ${errorInfo(err).message}`, 'error');
      }
    },

    async refreshSessions() {
      dispatch({ type: 'sessions/loading' });
      try {
        dispatch({ type: 'sessions/loaded', sessions: await api.listSessions() });
      } catch (err) {
        dispatch({ type: 'sessions/failed', error: errorInfo(err) });
      }
    },

    async loadMachineProfile() {
      dispatch({ type: 'machine/loading' });
      try {
        dispatch({ type: 'machine/loaded', profile: await api.machineProfile() });
      } catch (err) {
        dispatch({ type: 'machine/failed', error: errorInfo(err) });
      }
    },

    async calibrate(refresh: boolean) {
      if (getState().machine.calibrating) return;
      dispatch({ type: 'machine/calibrating' });
      try {
        dispatch({ type: 'machine/loaded', profile: await api.calibrate({ refresh }) });
      } catch (err) {
        dispatch({ type: 'machine/failed', error: errorInfo(err) });
      }
    },

    /**
     * Saves the open session in one of `EXPORT_FORMATS`: the native save dialog in the
     * desktop app (its PDF printed by Electron itself), a download in a browser.
     * Resolves once saved or refused; failures become a notice with the host's message.
     */
    async exportSession(format: ExportFormat = 'html') {
      const { sessionId } = getState();
      if (!sessionId) {
        actions.notify('Open a session to export it.');
        return;
      }
      try {
        if (format === 'pdf' && shell?.printReportToPdf) {
          const written = await shell.printReportToPdf(sessionId);
          if (written) actions.notify(`Saved ${written}`);
          return;
        }
        await saveExported(await api.exportSession(sessionId, format));
      } catch (err) {
        actions.notify(`Export failed: ${errorInfo(err).message}`, 'error');
      }
    },

    /** Saves the HTML compare report of B against A, as `exportSession` saves a session. */
    async exportComparison(a: string, b: string) {
      try {
        await saveExported(await api.exportComparison(a, b));
      } catch (err) {
        actions.notify(`Export failed: ${errorInfo(err).message}`, 'error');
      }
    },

    ...createCompressActions(api, store, {
      notify: (text, tone) => actions.notify(text, tone),
      saveExported,
    }),
  };
  return actions;
}
