/**
 * Which /proc/diskstats lines are storage devices worth a series. /proc/diskstats lists
 * partitions too; whole devices are exactly the entries of /sys/block. Of those,
 * pseudo devices are left out because their traffic is not storage traffic:
 * - loop*: I/O to a loop device is I/O to its backing file, already counted on the
 *   disk that holds the file (counting both would double it);
 * - ram*: RAM disks are memory;
 * - zram*: compressed RAM, nearly always swap; its traffic is memory pressure and shows
 *   as swap.inPagesPerSec / swap.outPagesPerSec.
 * Device-mapper and md devices (dm-*, md*) stay: an encrypted or RAID root is the device
 * a model file is actually read through, even though it overlaps its member disks.
 */
import fs from 'node:fs';
import path from 'node:path';

const PSEUDO_DEVICE_PREFIXES = ['loop', 'ram', 'zram'] as const;

/** Whether a whole block device's name is one the sampler reports. */
export function isReportedBlockDevice(name: string): boolean {
  return !PSEUDO_DEVICE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Classifies diskstats names against /sys/block, once per name: a name seen for the
 * first time (a disk plugged in mid-run) costs one stat call, later ticks a map lookup.
 */
export class WholeDiskFilter {
  private readonly known = new Map<string, boolean>();

  constructor(private readonly sysBlockDir = '/sys/block') {}

  readonly includes = (name: string): boolean => {
    let included = this.known.get(name);
    if (included === undefined) {
      // sysfs spells a '/' in a device name as '!' (cciss/c0d0 is /sys/block/cciss!c0d0).
      const sysName = name.replaceAll('/', '!');
      included = isReportedBlockDevice(name) && fs.existsSync(path.join(this.sysBlockDir, sysName));
      this.known.set(name, included);
    }
    return included;
  };
}
