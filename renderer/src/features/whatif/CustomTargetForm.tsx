/**
 * Describe hardware the catalogue lacks, as the custom spec string `whatIf` takes,
 * or ask for this machine at another thread count (`threads:N`).
 */
import { useState } from 'react';
import type { HardwareKind } from '../../../../electron/shared/hardware.js';
import { DISK_INTERFACES, KIND_NOTES, SPEC_FIELDS, buildCustomSpec, buildThreadsSpec } from './custom-spec.js';
import { KIND_LABELS, KIND_ORDER } from './targets.js';

export function CustomTargetForm(props: { onAdd(spec: string): void; usedIds: ReadonlySet<string> }) {
  const [kind, setKind] = useState<HardwareKind>('cpu');
  const [values, setValues] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [diskInterface, setDiskInterface] = useState('');
  const [touched, setTouched] = useState(false);
  const id = nextId(kind, props.usedIds);
  const built = buildCustomSpec({ kind, values, id, name, diskInterface });
  const show = (key: string) => (touched || (values[key] ?? '') !== '' ? built.errors[key] : undefined);

  const add = () => {
    setTouched(true);
    if (built.spec === null) return;
    props.onAdd(built.spec);
    setValues({});
    setName('');
    setTouched(false);
  };

  return (
    <div className="whatif-custom" data-testid="whatif-custom">
      <div className="segmented small whatif-kinds" role="radiogroup" aria-label="Kind of hardware">
        {KIND_ORDER.map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={k === kind}
            className={k === kind ? 'active' : ''}
            onClick={() => {
              setKind(k);
              setTouched(false);
            }}
          >
            {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      <div className="whatif-fields">
        {SPEC_FIELDS[kind].map((f) => (
          <label key={`${kind}-${f.key}`} className={`whatif-field${show(f.key) ? ' invalid' : ''}`}>
            <span className="whatif-field-label">
              {f.label}
              {f.unit && <span className="whatif-muted"> ({f.unit})</span>}
              {f.required && <span className="whatif-required"> *</span>}
            </span>
            <input
              className="input"
              inputMode="decimal"
              value={values[f.key] ?? ''}
              placeholder={f.placeholder}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
            {show(f.key) && <span className="whatif-error">{show(f.key)}</span>}
          </label>
        ))}
        {kind === 'disk' && (
          <label className="whatif-field">
            <span>Interface</span>
            <select className="input" value={diskInterface} onChange={(e) => setDiskInterface(e.target.value)}>
              <option value="">(not given)</option>
              {DISK_INTERFACES.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className={`whatif-field${show('name') ? ' invalid' : ''}`}>
          <span>Name</span>
          <input className="input" value={name} placeholder="optional" onChange={(e) => setName(e.target.value)} />
          {show('name') && <span className="whatif-error">{show('name')}</span>}
        </label>
      </div>
      <p className="whatif-note">{KIND_NOTES[kind]}</p>
      <div className="whatif-spec-row">
        <code
          className="whatif-spec"
          data-testid="whatif-spec"
          title="The target spec this form builds, as the projection receives it"
        >
          {built.spec ?? `${kind}:…`}
        </code>
        <button type="button" className="btn" onClick={add} disabled={touched && built.spec === null}>
          Add
        </button>
      </div>
      {touched && built.errors.form && <span className="whatif-error">{built.errors.form}</span>}
      <ThreadsForm onAdd={props.onAdd} />
    </div>
  );
}

function ThreadsForm(props: { onAdd(spec: string): void }) {
  const [text, setText] = useState('');
  const built = buildThreadsSpec(text);
  return (
    <form
      className="whatif-threads"
      onSubmit={(e) => {
        e.preventDefault();
        if (built.spec === null) return;
        props.onAdd(built.spec);
        setText('');
      }}
    >
      <label className={`whatif-field${text !== '' && built.error ? ' invalid' : ''}`}>
        <span>This machine at another thread count</span>
        <input
          className="input"
          inputMode="numeric"
          value={text}
          placeholder="threads, e.g. 1"
          aria-label="Thread count"
          onChange={(e) => setText(e.target.value)}
        />
        {text !== '' && built.error && <span className="whatif-error">{built.error}</span>}
      </label>
      <button type="submit" className="btn" disabled={built.spec === null}>
        Add {built.spec ?? 'threads:N'}
      </button>
    </form>
  );
}

/** `custom-cpu-1`, `custom-cpu-2`…: the first id of this kind not yet used. */
function nextId(kind: HardwareKind, used: ReadonlySet<string>): string {
  let n = 1;
  while (used.has(`custom-${kind}-${n}`)) n++;
  return `custom-${kind}-${n}`;
}
