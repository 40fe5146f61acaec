/** The bundled models as one-click cards. */
import { useEffect, useState } from 'react';
import type { ExampleModel, ProfilerApi } from '../../../../electron/shared/api.js';
import type { ErrorInfo } from '../../../../electron/shared/errors.js';
import { formatBytes, formatCount } from '../../../../electron/shared/format.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { useActions } from '../../state/app-store.js';
import { errorInfo } from '../../state/errors.js';

export function Examples(props: { api: ProfilerApi }) {
  const actions = useActions();
  const [examples, setExamples] = useState<ExampleModel[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    props.api.examples().then(setExamples, (err: unknown) => setError(errorInfo(err)));
  }, [props.api]);

  if (error) return <ErrorBox error={error} />;
  if (!examples) return <Loading label="Loading examples…" />;
  if (examples.length === 0) return <p className="muted">This host has no bundled example models.</p>;
  return (
    <div className="example-grid">
      {examples.map((example) => (
        <button
          type="button"
          key={example.path}
          className="example-card"
          onClick={() => void actions.openModel(example.path)}
          title={example.path}
          data-testid={`example-${example.name}`}
        >
          <span className="example-name">{example.name}</span>
          <span className="example-desc">{example.description}</span>
          <span className="example-meta">
            ~{formatCount(example.approxParams)} params · {formatBytes(example.sizeBytes)}
          </span>
        </button>
      ))}
    </div>
  );
}
