/**
 * The analysis of one recorded session: a pure function of the session's data and a
 * MachineProfile, so a session recorded on one machine can be re-analysed anywhere.
 */
import type { Bottleneck, CostSummary, MachineProfile, Recommendation, Segment } from '../../shared/analysis.js';
import type { Sample } from '../../shared/sample.js';
import type { OpEvent, ProfileResult } from '../../shared/session.js';
import { classifyOpGroups, classifyPhases } from './classify.js';
import { costSummary } from './cost-model.js';
import { nodeCosts, opGroups, type OpGroup } from './op-groups.js';
import { recommend } from './recommend.js';
import { effectiveThreads } from './roofline.js';
import { timelineSegments } from './segments.js';
import type { TargetSpec, WhatIfInput } from './whatif.js';

export interface SessionData {
  result: ProfileResult;
  samples: Sample[];
  opEvents: OpEvent[];
}

export interface Analysis {
  machineProfile: MachineProfile | null;
  cost: CostSummary | null;
  groups: OpGroup[];
  bottlenecks: Bottleneck[];
  segments: Segment[];
  recommendations: Recommendation[];
  whatIf: WhatIfInput | null;
}

export function analyse(
  data: SessionData,
  profile: MachineProfile | null,
  targets: TargetSpec[],
  peakFlopsPerSec: number | null,
): Analysis {
  const { result, samples, opEvents } = data;
  const threads = effectiveThreads(result.settings.intraOpThreads, result.machine.physicalCores);
  const costs = nodeCosts(result, opEvents);
  const groups = opGroups(result, costs, profile, threads);
  const firstRun = opEvents.find((e) => costs.has(e.name))?.run;
  const timeByType = new Map(groups.map((g) => [g.opType, g.timeMs]));
  const cost =
    costs.size > 0
      ? costSummary(
          opEvents.filter((e) => e.run === firstRun),
          timeByType,
        )
      : null;
  const phases = classifyPhases({ result, samples, groups, profile, threads });
  const bottlenecks = [...phases, ...classifyOpGroups(groups, profile, threads)];
  const runEvents = opEvents.filter((e) => e.run === firstRun);
  const whatIf = profile && result.latencyMs ? { result, groups, profile, threads, peakFlopsPerSec, runEvents } : null;
  return {
    machineProfile: profile,
    cost,
    groups,
    bottlenecks,
    segments: timelineSegments(result, phases, groups, opEvents),
    recommendations: whatIf ? recommend(whatIf, phases, targets) : [],
    whatIf,
  };
}

/** The summary with its analysis attached, as session.json and `--json` carry it. */
export function withAnalysis(result: ProfileResult, analysis: Analysis): ProfileResult {
  return {
    ...result,
    machineProfile: analysis.machineProfile,
    cost: analysis.cost,
    bottlenecks: analysis.bottlenecks,
    segments: analysis.segments,
    recommendations: analysis.recommendations,
  };
}
