/** Inputs or outputs: name, element type and shape, with symbolic dims shown by name. */
import type { TensorInfo } from '../../../../electron/shared/model.js';

export function TensorTable(props: { tensors: TensorInfo[]; testId: string }) {
  if (props.tensors.length === 0) return <p className="muted">None.</p>;
  return (
    <table className="data-table" data-testid={props.testId}>
      <thead>
        <tr>
          <th>Name</th>
          <th>Type</th>
          <th>Shape</th>
        </tr>
      </thead>
      <tbody>
        {props.tensors.map((tensor) => (
          <tr key={tensor.name}>
            <td className="mono">{tensor.name}</td>
            <td className="mono">{tensor.dtype}</td>
            <td className="mono">
              [
              {tensor.shape.map((dim, index) => (
                <span key={index}>
                  {index > 0 && ', '}
                  {typeof dim === 'number' ? (
                    dim
                  ) : (
                    <span className="dim-symbol" title={dim === null ? 'open dimension' : 'symbolic dimension'}>
                      {dim ?? '?'}
                    </span>
                  )}
                </span>
              ))}
              ]
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
