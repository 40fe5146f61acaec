/**
 * The Compression screen's steps over the `ProfilerApi`: open an experiment (or the
 * list), re-read it as it runs, start, cancel and export one. Kept beside `actions.ts`,
 * which spreads them into the one `Actions` object every screen uses.
 */
import type { ExportedFile, ProfilerApi } from '../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../electron/shared/errors.js';
import type { AppStore } from './app-store.js';
import { errorInfo } from './errors.js';

interface Helpers {
  notify(text: string, tone?: 'info' | 'error'): void;
  /** The save dialog in the desktop app; a download in a browser. */
  saveExported(file: ExportedFile): Promise<void>;
}

export function createCompressActions(api: ProfilerApi, store: AppStore, helpers: Helpers) {
  const { dispatch, getState } = store;
  const compress = {
    /** The Compression screen: one experiment, or (null) the list and the new-experiment form. */
    async openCompression(experimentId: string | null) {
      dispatch({ type: 'compress/open', experimentId });
      dispatch({ type: 'screen', screen: 'compress' });
      const list = getState().compress.list;
      if (!list.data && !list.loading) void compress.refreshCompressions();
      if (experimentId) await compress.refreshCompression();
    },

    /** Re-reads the open experiment: a running one as far as it got. */
    async refreshCompression() {
      const { experimentId } = getState().compress;
      if (!experimentId) return;
      dispatch({ type: 'compress/view-loading', experimentId });
      try {
        dispatch({ type: 'compress/view', experimentId, view: await api.openCompression(experimentId) });
      } catch (err) {
        dispatch({ type: 'compress/view-failed', experimentId, error: errorInfo(err) });
      }
    },

    async refreshCompressions() {
      dispatch({ type: 'compress/list-loading' });
      try {
        dispatch({ type: 'compress/list', list: await api.listCompressions() });
      } catch (err) {
        dispatch({ type: 'compress/list-failed', error: errorInfo(err) });
      }
    },

    /** Starts an experiment and opens it; the refusal (busy, bad path, bad variant) comes back for the form to show. */
    async startCompression(request: Parameters<ProfilerApi['startCompression']>[0]): Promise<ErrorInfo | null> {
      try {
        const { experimentId } = await api.startCompression(request);
        void compress.refreshCompressions();
        await compress.openCompression(experimentId);
        return null;
      } catch (err) {
        return errorInfo(err);
      }
    },

    async cancelCompression(experimentId: string) {
      try {
        await api.cancelCompression(experimentId);
        helpers.notify('Cancelling: the experiment stops after its current step and keeps what it made.');
      } catch (err) {
        helpers.notify(`Could not cancel: ${errorInfo(err).message}`, 'error');
      }
    },

    /** Removes an experiment and its variant files; the list shows again. Its sessions stay. */
    async deleteCompression(experimentId: string) {
      try {
        await api.deleteCompression(experimentId);
        helpers.notify('Experiment deleted with its variant files; its profiled sessions are kept.');
        await compress.refreshCompressions();
        if (getState().compress.experimentId === experimentId) await compress.openCompression(null);
      } catch (err) {
        helpers.notify(`Could not delete: ${errorInfo(err).message}`, 'error');
      }
    },

    /** The HTML report of the experiment's original with its Compression section, saved as sessions are. */
    async exportCompression(experimentId: string) {
      try {
        await helpers.saveExported(await api.exportCompression(experimentId));
      } catch (err) {
        helpers.notify(`Export failed: ${errorInfo(err).message}`, 'error');
      }
    },
  };
  return compress;
}
