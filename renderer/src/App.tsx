/** The app shell: navigation rail, header, the current screen, and the window-wide inputs. */
import type { ProfilerApi } from '../../electron/shared/api.js';
import type { DesktopShell } from '../../electron/shared/shell.js';
import { Header } from './components/Header.js';
import { NavRail } from './components/NavRail.js';
import { ConnectionBanner, NoticeToast } from './components/Notices.js';
import { ShortcutsOverlay } from './components/ShortcutsOverlay.js';
import { BottlenecksScreen } from './features/bottlenecks/BottlenecksScreen.js';
import { CompressionScreen } from './features/compress/index.js';
import { ModelScreen } from './features/model/ModelScreen.js';
import { OpsScreen } from './features/ops/OpsScreen.js';
import { RunScreen } from './features/run/RunScreen.js';
import { StartScreen } from './features/start/StartScreen.js';
import { useActions, useAppState } from './state/app-store.js';
import type { AppStore } from './state/app-store.js';
import { useDesktopShell, useKeyboardShortcuts, useWindowDrop } from './state/commands.js';
import type { ScreenId } from './state/screens.js';
import { ExternalScreen } from './ExternalScreen.js';

export function App(props: { api: ProfilerApi; store: AppStore; shell: DesktopShell | undefined }) {
  const actions = useActions();
  const screen = useAppState((s) => s.screen);
  const overlay = useAppState((s) => s.overlay);
  useKeyboardShortcuts(actions, props.store);
  useDesktopShell(props.shell, actions);
  useWindowDrop(props.shell, actions);

  return (
    <div className="app">
      <NavRail />
      <div className="app-main">
        <ConnectionBanner />
        <Header />
        <main className="screen-host">
          <CurrentScreen screen={screen} api={props.api} shell={props.shell} />
        </main>
      </div>
      {overlay === 'shortcuts' && <ShortcutsOverlay />}
      <NoticeToast />
    </div>
  );
}

function CurrentScreen(props: { screen: ScreenId; api: ProfilerApi; shell: DesktopShell | undefined }) {
  switch (props.screen) {
    case 'start':
      return <StartScreen api={props.api} shell={props.shell} />;
    case 'model':
      return <ModelScreen />;
    case 'run':
      return <RunScreen />;
    case 'ops':
      return <OpsScreen />;
    case 'bottlenecks':
      return <BottlenecksScreen />;
    case 'compress':
      return <CompressionScreen api={props.api} shell={props.shell} />;
    default:
      return <ExternalScreen screen={props.screen} api={props.api} />;
  }
}
