/** The "?" overlay: every keyboard shortcut, in one place. */
import { useActions } from '../state/app-store.js';
import { SCREENS, screenKey } from '../state/screens.js';
import { Kbd, MOD } from './ui.js';

const COMMANDS: Array<[string[], string]> = [
  [[MOD, 'O'], 'Open a model'],
  [[MOD, 'Enter'], 'Start a profile with the Run setup settings'],
  [['Esc'], 'Cancel the running profile (or close this overlay)'],
  [['1', '…', '9'], 'Switch screen'],
  [['T'], 'Switch light / dark theme'],
  [['/'], 'Focus the filter of the Ops screen'],
  [['?'], 'Show or hide this list'],
];

export function ShortcutsOverlay() {
  const actions = useActions();
  return (
    <div
      className="overlay"
      role="dialog"
      aria-label="keyboard shortcuts"
      onClick={() => actions.toggleShortcuts(false)}
    >
      <div className="overlay-card" onClick={(event) => event.stopPropagation()} data-testid="shortcuts-overlay">
        <h2>Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {COMMANDS.map(([keys, what]) => (
              <tr key={what}>
                <td>
                  {keys.map((key) => (
                    <Kbd key={key}>{key}</Kbd>
                  ))}
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>Screens</h3>
        <div className="shortcut-screens">
          {SCREENS.map((screen, index) => (
            <span key={screen.id}>
              <Kbd>{screenKey(index)}</Kbd> {screen.label}
            </span>
          ))}
        </div>
        <p className="muted small">Letter and digit keys are ignored while you type in a field.</p>
      </div>
    </div>
  );
}
