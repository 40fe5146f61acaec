/**
 * The header's Export button and its menu of formats. A menu button per the WAI-ARIA
 * pattern: Enter, Space or the arrows open it on an item, the arrows, Home and End move,
 * Escape closes it back onto the button, and a click elsewhere or Tab closes it.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../electron/shared/api.js';
import { useActions } from '../state/app-store.js';
import '../styles/export.css';

interface ExportItem {
  format: ExportFormat;
  label: string;
  detail: string;
}

/** In the order a user reaches for them: something to share first, raw data last. */
export const EXPORT_ITEMS: readonly ExportItem[] = [
  { format: 'html', label: 'Report (HTML)', detail: 'one file, opens offline in any browser' },
  { format: 'pdf', label: 'Report (PDF)', detail: 'the same report, printed' },
  { format: 'dyno', label: 'Session file (.dyno)', detail: 'the whole session, to import elsewhere' },
  { format: 'csv-samples', label: 'Samples (CSV)', detail: 'one column per series' },
  { format: 'csv-ops', label: 'Ops (CSV)', detail: 'per-op statistics' },
  { format: 'trace', label: 'Trace (Perfetto)', detail: 'Chrome Trace Event JSON' },
  { format: 'json', label: 'Summary (JSON)', detail: 'the session summary' },
];

export function ExportMenu(props: { disabled: boolean }) {
  const actions = useActions();
  const [open, setOpen] = useState(false);
  /** The format being exported: the menu stays usable, its item shows progress. */
  const [pending, setPending] = useState<ExportFormat | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  /** Which item takes focus once the menu has rendered open. */
  const [focusAt, setFocusAt] = useState<number | null>(null);

  useEffect(() => {
    if (!open || focusAt === null) return;
    items.current[focusAt]?.focus();
    setFocusAt(null);
  }, [open, focusAt]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [open]);

  useEffect(() => {
    if (props.disabled) setOpen(false);
  }, [props.disabled]);

  const openAt = (index: number) => {
    setOpen(true);
    setFocusAt((index + EXPORT_ITEMS.length) % EXPORT_ITEMS.length);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const choose = (format: ExportFormat) => {
    close(true);
    setPending(format);
    void actions.exportSession(format).finally(() => setPending(null));
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') openAt(0);
    else if (event.key === 'ArrowUp') openAt(-1);
    else return;
    event.preventDefault();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = items.current.findIndex((item) => item === document.activeElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: -1 };
    const target = moves[event.key];
    if (target !== undefined) {
      const index = (target + EXPORT_ITEMS.length) % EXPORT_ITEMS.length;
      items.current[index]?.focus();
    } else if (event.key === 'Escape') {
      close(true);
    } else if (event.key === 'Tab') {
      setOpen(false);
      return; // Tab moves on as usual
    } else {
      return;
    }
    event.preventDefault();
    // The window's shortcuts (Escape cancels a profile, digits switch screens) must not see the menu's keys.
    event.stopPropagation();
  };

  return (
    <div className="export-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn ghost"
        disabled={props.disabled}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="export-menu-list"
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
        title="Save the session as a report, a session file or data"
        data-testid="export-menu"
      >
        {pending ? 'Exporting…' : 'Export'}
        <span className="export-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          id="export-menu-list"
          className="export-popover"
          role="menu"
          aria-label="Export the session as"
          onKeyDown={onMenuKey}
          data-testid="export-menu-list"
        >
          {EXPORT_ITEMS.map((item, index) => (
            <button
              key={item.format}
              ref={(el) => {
                items.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="export-item"
              disabled={pending === item.format}
              onClick={() => choose(item.format)}
              data-testid={`export-${item.format}`}
            >
              <span className="export-label">{item.label}</span>
              <span className="export-detail">{pending === item.format ? 'exporting…' : item.detail}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
