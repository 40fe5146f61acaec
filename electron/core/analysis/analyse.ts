/**
 * The analysis of one recorded session: a pure function of the session's data and a
 * MachineProfile, so a session recorded on one machine can be re-analysed anywhere.
 */
import type { Bottleneck, CostSummary, MachineProfile, Recommendation, Segment } from '../../shared/analysis.js';
import type { Sample } from '../../shared/sample.js';
import type { OpEvent, ProfileResult } from '../../shared/session.js';
import { classifyOpGroups, classifyPhases, noCacheVerdict, verdictFromGroups } from './classify.js';
import { opStats } from '../recording/summarise.js';
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
  /** Generation requests (LLM sessions): which run produced which token. */
  requests?: Array<{ warmup: boolean; tokenRuns: number[] }>;
}

/** Runs of measured requests that produced a first token (prefill) or a later one (decode). */
function llmRuns(requests: NonNullable<SessionData['requests']>): { prefill: Set<number>; decode: Set<number> } | null {
  const measured = requests.filter((r) => !r.warmup && r.tokenRuns.length > 0);
  if (measured.length === 0) return null;
  return {
    prefill: new Set(measured.map((r) => r.tokenRuns[0]!)),
    decode: new Set(measured.flatMap((r) => r.tokenRuns.slice(1))),
  };
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
  const measuredRuns = new Set(result.runs.filter((r) => !r.warmup).map((r) => r.index));
  const groupsOf = (runs: Set<number>) =>
    opGroups(opStats(opEvents, runs), runs.size, nodeCosts(opEvents, runs), profile, threads);
  const costs = nodeCosts(opEvents, measuredRuns);
  const groups = opGroups(result.ops, measuredRuns.size, costs, profile, threads);
  const llm = llmRuns(data.requests ?? []);
  const prefillGroups = llm ? groupsOf(llm.prefill) : null;
  const decodeGroups = llm && llm.decode.size > 0 ? groupsOf(llm.decode) : null;
  const firstDecode = opEvents.find((e) => llm?.decode.has(e.run))?.run;
  const decodeEvents = opEvents.filter((e) => e.run === firstDecode);
  const firstRun = opEvents.find((e) => measuredRuns.has(e.run))?.run;
  const timeByType = new Map(groups.map((g) => [g.opType, g.timeMs]));
  const cost =
    costs.size > 0
      ? costSummary(
          opEvents.filter((e) => e.run === firstRun),
          timeByType,
        )
      : null;
  const phases = classifyPhases({ result, samples, groups, profile, threads });
  const llmPhases = [
    ...(prefillGroups ? [verdictFromGroups('prefill', prefillGroups)] : []),
    ...(decodeGroups ? [verdictFromGroups('decode', decodeGroups)] : []),
    ...(result.llm && !result.llm.kvCache ? [noCacheVerdict(result)] : []),
  ].filter((b): b is Bottleneck => b !== null);
  const bottlenecks = [...phases, ...llmPhases, ...classifyOpGroups(groups, profile, threads)];
  const runEvents = opEvents.filter((e) => e.run === firstRun);
  const whatIf =
    profile && result.latencyMs
      ? { result, groups, profile, threads, peakFlopsPerSec, runEvents, prefillGroups, decodeGroups, decodeEvents }
      : null;
  return {
    machineProfile: profile,
    cost,
    groups,
    bottlenecks,
    segments: timelineSegments(result, [...phases, ...llmPhases], groups, opEvents, llm),
    recommendations: whatIf ? recommend(whatIf, [...phases, ...llmPhases], targets) : [],
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
