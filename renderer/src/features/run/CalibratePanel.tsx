/** The machine profile the analysis measures against, and the action that measures it. */
import { useEffect } from 'react';
import type { MachineProfile } from '../../../../electron/shared/analysis.js';
import { formatBytes, formatFlops } from '../../../../electron/shared/format.js';
import { formatDate } from '../../components/format.js';
import { progressFraction } from '../../components/progress.js';
import { ErrorBox, Loading } from '../../components/states.js';
import { Panel, ProgressBar, Stat, StatGrid } from '../../components/ui.js';
import { useActions, useAppState } from '../../state/app-store.js';

function peak(rows: MachineProfile['gemm']): { threads: number; flopsPerSec: number } | null {
  return rows.reduce<{ threads: number; flopsPerSec: number } | null>(
    (best, row) => (best === null || row.flopsPerSec > best.flopsPerSec ? row : best),
    null,
  );
}

function Profile(props: { profile: MachineProfile }) {
  const p = props.profile;
  const gemm = peak(p.gemm);
  return (
    <StatGrid testId="machine-profile">
      <Stat label="CPU" value={p.cpuModel} wide />
      <Stat label="Cores" value={`${p.physicalCores} phys · ${p.logicalCores} log`} />
      <Stat
        label="GEMM peak"
        value={gemm ? formatFlops(gemm.flopsPerSec, 'FLOP/s') : 'n/a'}
        hint={gemm ? `achieved by ONNX Runtime at ${gemm.threads} threads` : undefined}
      />
      <Stat
        label="Memory BW"
        value={`${formatBytes(p.memoryBandwidthBytesPerSec)}/s`}
        hint="streaming elementwise ops"
      />
      <Stat
        label="Disk read"
        value={p.diskReadMBps === null ? 'n/a' : `${p.diskReadMBps.toFixed(0)} MB/s`}
        hint={p.diskReadCold ? 'cold (page cache evicted)' : 'warm: the page cache could not be evicted'}
      />
      <Stat label="Measured" value={formatDate(p.measuredAt)} hint={p.measuredAt} />
    </StatGrid>
  );
}

export function CalibratePanel() {
  const actions = useActions();
  const machine = useAppState((s) => s.machine);
  useEffect(() => {
    void actions.loadMachineProfile();
  }, [actions]);

  const step = machine.progress;
  return (
    <Panel
      title="Machine profile"
      testId="calibrate-panel"
      actions={
        <button
          type="button"
          className="btn small"
          disabled={machine.calibrating}
          onClick={() => void actions.calibrate(machine.data !== null)}
          title="Measure GEMM FLOP/s, memory bandwidth and disk reads on this machine (5–30 s)"
          data-testid="calibrate"
        >
          {machine.calibrating ? 'Calibrating…' : machine.data ? 'Recalibrate' : 'Calibrate machine'}
        </button>
      }
    >
      {machine.calibrating && (
        <div className="step-progress" data-testid="calibrate-progress">
          <ProgressBar fraction={progressFraction(step)} label="calibration progress" />
          <span className="small muted">
            {step ? `${step.step}${step.total ? ` · ${step.done} / ${step.total}` : ''}` : 'Starting…'}
          </span>
        </div>
      )}
      {machine.error && <ErrorBox error={machine.error} />}
      {machine.loading && !machine.data && <Loading label="Reading the machine profile…" />}
      {machine.data && <Profile profile={machine.data} />}
      {!machine.loading && !machine.data && !machine.error && (
        <p className="muted small">
          Not calibrated yet. Bottleneck verdicts compare measured FLOP/s and bytes/s with what this machine achieves;
          calibrate once for sharper verdicts.
        </p>
      )}
    </Panel>
  );
}
