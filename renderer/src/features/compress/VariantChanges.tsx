/**
 * What making each variant did to the model, and how closely it follows the original
 * output by output: the weights rewritten and their bytes before and after, the ops
 * swapped, the weights left alone and why, and the notes a user must read (pruning
 * leaves compute dense). A step that failed says so with its message.
 */
import type { Fidelity, VariantOutcome } from '../../../../electron/shared/compress.js';
import { formatBytes, formatCount, formatMs } from '../../../../electron/shared/format.js';
import { baseName } from '../../components/labels.js';
import { formatAbsDiff, formatCosine, formatFactor, formatShare, opsText } from './compress-rows.js';

function FidelityDetails(props: { fidelity: Fidelity }) {
  const { fidelity } = props;
  return (
    <div className="compress-fidelity">
      <table className="data-table compress-outputs">
        <thead>
          <tr>
            <th>Output</th>
            <th className="num">Elements</th>
            <th className="num">Max |Δ|</th>
            <th className="num">Cosine</th>
          </tr>
        </thead>
        <tbody>
          {fidelity.outputs.map((o) => (
            <tr key={o.name}>
              <td className="mono">{o.name}</td>
              <td className="num">{formatCount(o.elements)}</td>
              <td className="num">{formatAbsDiff(o.maxAbsDiff)}</td>
              <td className="num">{formatCosine(o.cosine)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fidelity.llm && (
        <p className="small">
          Generation, teacher-forced on the original's tokens: {fidelity.llm.promptTokens} prompt tokens,{' '}
          {fidelity.llm.steps} steps · top-1 agreement{' '}
          <strong className="nowrap">{formatShare(fidelity.llm.top1Agreement)}</strong> · logits cosine worst{' '}
          {formatCosine(fidelity.llm.minLogitsCosine)}, mean {formatCosine(fidelity.llm.meanLogitsCosine)}
        </p>
      )}
      <p className="muted small">Inputs seeded with {fidelity.seed}, the same for the original and the variant.</p>
    </div>
  );
}

function VariantCard(props: { variant: VariantOutcome }) {
  const { variant } = props;
  const build = variant.build;
  const shrink =
    build && build.weightBytesAfter > 0 ? formatFactor(build.weightBytesBefore / build.weightBytesAfter) : null;
  const added = build ? opsText(build.opsAdded) : '';
  const removed = build ? opsText(build.opsRemoved) : '';
  return (
    <article className="compress-variant" data-testid={`compress-changes-${variant.text}`}>
      <header className="compress-variant-head">
        <strong>{variant.label}</strong> <code className="muted">{variant.text}</code>
        {variant.error && <span className="compress-error-mark">{variant.error.kind}</span>}
      </header>
      {variant.error && (
        <p className="compress-variant-error" role="alert">
          {variant.error.message}
        </p>
      )}
      {!build ? (
        !variant.error && <p className="muted small">Not made yet.</p>
      ) : (
        <>
          <ul className="compress-facts">
            <li>
              <strong>{build.weightsChanged}</strong> weight{build.weightsChanged === 1 ? '' : 's'} rewritten:{' '}
              <span className="nowrap">
                {formatBytes(build.weightBytesBefore)} → {formatBytes(build.weightBytesAfter)}
              </span>
              {shrink && build.weightBytesAfter < build.weightBytesBefore && (
                <span className="compress-ratio better"> ({shrink} smaller)</span>
              )}
            </li>
            {(added || removed) && (
              <li>
                ops {added && <span className="compress-ops-added">+ {added}</span>}
                {added && removed && ' · '}
                {removed && <span className="compress-ops-removed">− {removed}</span>}
              </li>
            )}
            {build.untouched.map((u) => (
              <li key={u.reason} className="muted">
                left as they were: {u.count} × {u.reason} ({formatBytes(u.bytes)})
              </li>
            ))}
            {build.untouched.length === 0 && <li className="muted">no weight left as it was</li>}
          </ul>
          {build.notes.length > 0 && (
            <ul className="compress-notes">
              {build.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <p className="muted small compress-path" title={build.path}>
            {baseName(build.path)} · {formatBytes(build.fileBytes)} · made in {formatMs(build.buildMs)}
          </p>
        </>
      )}
      {variant.fidelity && <FidelityDetails fidelity={variant.fidelity} />}
    </article>
  );
}

export function VariantChanges(props: { variants: VariantOutcome[] }) {
  return (
    <div className="compress-variants">
      {props.variants.map((variant) => (
        <VariantCard key={variant.text} variant={variant} />
      ))}
    </div>
  );
}
