/**
 * The machine a session ran on, from systeminformation, collected once per process:
 * the hardware does not change while the app runs, and some calls run shell tools
 * (lsblk, lspci, nvidia-smi) that take tens of milliseconds each. A part that fails
 * falls back to what Node's os module knows; nothing here throws or prints.
 */
import os from 'node:os';
import si from 'systeminformation';
import { MachineInfo, type DiskInfo, type GpuInfo } from '../../shared/sample.js';

let cached: Promise<MachineInfo> | null = null;

/** The machine's inventory; the first call collects it, later calls share that promise. */
export function collectMachineInfo(): Promise<MachineInfo> {
  cached ??= collect();
  return cached;
}

const MIB = 1024 * 1024;

async function settled<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch {
    // Each part has an os-module fallback; a failed inventory call must not fail a session.
    return null;
  }
}

async function collect(): Promise<MachineInfo> {
  const [cpu, mem, osInfo, disks, graphics] = await Promise.all([
    settled(() => si.cpu()),
    settled(() => si.mem()),
    settled(() => si.osInfo()),
    settled(() => si.diskLayout()),
    settled(() => si.graphics()),
  ]);
  const osCpus = os.cpus();
  const cpuModel = cpu ? `${text(cpu.manufacturer)} ${text(cpu.brand)}`.trim() : '';
  const info = MachineInfo.safeParse({
    cpuModel: cpuModel || osCpus[0]?.model.trim() || 'unknown CPU',
    physicalCores: positiveInt(cpu?.physicalCores) ?? osCpus.length,
    logicalCores: positiveInt(cpu?.cores) ?? osCpus.length,
    // systeminformation reports GHz; 0 means it could not tell.
    cpuSpeedGHz: cpu && cpu.speed > 0 ? cpu.speed : osSpeedGHz(osCpus),
    memTotalBytes: mem?.total || os.totalmem(),
    swapTotalBytes: mem?.swaptotal ?? 0,
    os: `${text(osInfo?.distro)} ${text(osInfo?.release)}`.trim() || `${os.type()} ${os.release()}`,
    kernel: text(osInfo?.kernel) || os.release(),
    arch: text(osInfo?.arch) || os.arch(),
    hostname: text(osInfo?.hostname) || os.hostname(),
    disks: (disks ?? []).map((disk): DiskInfo => ({
      name: text(disk.name) || text(disk.device),
      type: text(disk.type),
      sizeBytes: Number(disk.size) || 0,
      interfaceType: text(disk.interfaceType),
    })),
    gpus: (graphics?.controllers ?? []).map((controller, index): GpuInfo => ({
      index,
      name: text(controller.model) || text(controller.name) || 'unknown GPU',
      vendor: text(controller.vendor),
      memoryBytes: typeof controller.vram === 'number' && controller.vram > 0 ? controller.vram * MIB : null,
      driver: text(controller.driverVersion) || null,
    })),
  });
  // systeminformation's shapes vary by platform; anything off still yields a machine.
  return info.success ? info.data : osOnlyMachineInfo();
}

/** What Node alone knows about the machine. */
export function osOnlyMachineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() || 'unknown CPU',
    physicalCores: cpus.length,
    logicalCores: cpus.length,
    cpuSpeedGHz: osSpeedGHz(cpus),
    memTotalBytes: os.totalmem(),
    swapTotalBytes: 0,
    os: `${os.type()} ${os.release()}`,
    kernel: os.release(),
    arch: os.arch(),
    hostname: os.hostname(),
    disks: [],
    gpus: [],
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function positiveInt(value: number | undefined): number | null {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : null;
}

function osSpeedGHz(cpus: os.CpuInfo[]): number | null {
  const mhz = cpus[0]?.speed ?? 0;
  return mhz > 0 ? mhz / 1000 : null;
}
