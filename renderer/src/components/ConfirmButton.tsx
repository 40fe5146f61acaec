/** A destructive action that asks once more in place (no modal dialog to block the page). */
import { useEffect, useState } from 'react';

export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  onConfirm(): void;
  disabled?: boolean;
  title?: string;
  testId?: string;
}) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button
      type="button"
      className={`btn small ${armed ? 'danger' : 'ghost'}`}
      disabled={props.disabled}
      title={props.title}
      data-testid={props.testId}
      onClick={(event) => {
        event.stopPropagation();
        if (armed) {
          setArmed(false);
          props.onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? props.confirmLabel : props.label}
    </button>
  );
}
