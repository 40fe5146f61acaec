import os from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { collectMachineInfo } from '../../../electron/core/sampling/index.js';
import { osOnlyMachineInfo } from '../../../electron/core/sampling/machine-info.js';
import { MachineInfo } from '../../../electron/shared/sample.js';

describe('collectMachineInfo', () => {
  it('describes this machine without printing anything', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const log = vi.spyOn(console, 'log');
    try {
      const info = MachineInfo.parse(await collectMachineInfo());
      expect(info.logicalCores).toBe(os.cpus().length);
      expect(info.physicalCores).toBeGreaterThanOrEqual(1);
      expect(info.physicalCores).toBeLessThanOrEqual(info.logicalCores);
      expect(info.memTotalBytes).toBe(os.totalmem());
      expect(info.arch).toBe(os.arch());
      expect(info.hostname).toBe(os.hostname());
      expect(info.cpuModel).not.toBe('');
      expect(stdout).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      log.mockRestore();
    }
  });

  it('collects once per process and shares the result', () => {
    expect(collectMachineInfo()).toBe(collectMachineInfo());
  });

  it('has an os-module description that satisfies the contract on its own', () => {
    expect(MachineInfo.parse(osOnlyMachineInfo()).logicalCores).toBe(os.cpus().length);
  });
});
