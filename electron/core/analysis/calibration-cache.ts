/**
 * Machine profiles on disk: `$MODELDYNO_HOME/machine-profiles/<fingerprint>.json`, one per
 * machine, so a calibration (5–10 s) runs once and every later analysis reuses it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { MachineProfile } from '../../shared/analysis.js';
import type { MachineInfo } from '../../shared/sample.js';
import { writeFileAtomic } from '../recording/store.js';
import { collectMachineInfo } from '../sampling/index.js';

/** `$MODELDYNO_HOME`, else `~/.modeldyno`. */
export function modeldynoHome(): string {
  return process.env.MODELDYNO_HOME || join(homedir(), '.modeldyno');
}

/**
 * The onnxruntime-node version, read from its package.json: loading ORT itself would
 * load its native library into the host, which only workers may do.
 */
export function ortVersion(): string {
  const pkg = createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string };
  return pkg.version;
}

/** sha256 over what decides achievable speed: CPU, core counts, memory size, OS, arch, ORT. */
export function machineFingerprint(machine: MachineInfo): string {
  const parts = [
    machine.cpuModel,
    machine.physicalCores,
    machine.logicalCores,
    machine.memTotalBytes,
    machine.os,
    machine.arch,
    ortVersion(),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** `dir`, else `$MODELDYNO_HOME/machine-profiles`, else `~/.modeldyno/machine-profiles`. */
export function profilesDir(dir?: string): string {
  return dir ?? join(modeldynoHome(), 'machine-profiles');
}

export function profilePath(fingerprint: string, dir?: string): string {
  return join(profilesDir(dir), `${fingerprint}.json`);
}

/** The profile saved for `fingerprint`, or null when none is saved or the file is unreadable. */
export function readProfile(fingerprint: string, dir?: string): MachineProfile | null {
  let text: string;
  try {
    text = readFileSync(profilePath(fingerprint, dir), 'utf8');
  } catch {
    return null; // never calibrated on this machine (or the file went away): not cached.
  }
  try {
    const parsed = MachineProfile.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.fingerprint === fingerprint ? parsed.data : null;
  } catch {
    return null; // a torn or hand-edited file: calibrating again replaces it.
  }
}

/** The cached profile of this machine, or null when it has not been calibrated. */
export async function loadCachedProfile(dir?: string): Promise<MachineProfile | null> {
  return readProfile(machineFingerprint(await collectMachineInfo()), dir);
}

/** Saves atomically (a reader sees the old profile or the new one); returns the path. */
export function saveProfile(profile: MachineProfile, dir?: string): string {
  mkdirSync(profilesDir(dir), { recursive: true });
  const path = profilePath(profile.fingerprint, dir);
  writeFileAtomic(path, `${JSON.stringify(MachineProfile.parse(profile), null, 2)}\n`);
  return path;
}
