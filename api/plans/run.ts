import { latLngToCell } from 'h3-js';
import { coverSets } from './geodesic.ts';
import type { CoverInstance } from './instance.ts';
import { cellCandidates, MAX_CELL_CANDIDATES, type JobInput } from './job-input.ts';
import { solveMclp, type SolveResult } from './solver.ts';

/** The worker side of a suggestion (run by suggest-job.ts; importable by tests and the benchmark): caller-point cover sets (if any), then the solver under the time limit. */
export interface JobOutput {
  result: SolveResult;
  /** candidates the worker added (centres of uncovered res-8 cells for caller demand), after the given ones */
  extra: { id: string; lng: number; lat: number }[];
  error?: { code: 'k_too_large'; candidates: number };
}

export async function runSuggest(input: JobInput, report: (done: number, total: number, message: string) => void): Promise<JobOutput> {
  const t0 = Date.now();
  let inst: CoverInstance;
  const extra: JobOutput['extra'] = [];
  if (input.instance) {
    const { weight, baseline, start, idx } = input.instance;
    inst = { weight, baseline, cand: { start, idx } };
  } else {
    const g = input.geo!;
    report(1, 100, 'cover');
    const baseline = new Uint8Array(g.weight.length);
    if (g.existingLng.length) {
      const ex = coverSets(g.demandLng, g.demandLat, g.existingLng, g.existingLat, input.radius_m);
      for (const i of ex.idx) baseline[i] = 1;
    }
    let candLng = g.candLng, candLat = g.candLat;
    if (g.addCells) {
      const cells = cellCandidates(g.weight, (i) => baseline[i] === 1, (i) => latLngToCell(g.demandLat[i], g.demandLng[i], 8), MAX_CELL_CANDIDATES);
      extra.push(...cells);
      candLng = Float64Array.from([...g.candLng, ...cells.map((c) => c.lng)]);
      candLat = Float64Array.from([...g.candLat, ...cells.map((c) => c.lat)]);
    }
    if (input.k > candLng.length) {
      return { result: null as unknown as SolveResult, extra, error: { code: 'k_too_large', candidates: candLng.length } };
    }
    inst = { weight: g.weight, baseline, cand: coverSets(g.demandLng, g.demandLat, candLng, candLat, input.radius_m) };
  }
  const cover_ms = Date.now() - t0;
  const result = await solveMclp(inst, {
    k: input.k,
    // the budget covers the whole job: what building cover sets used is taken off the optimisation
    time_limit_ms: Math.max(100, input.time_limit_ms - cover_ms),
    report,
  });
  result.timings_ms = { cover_ms, ...result.timings_ms };
  if (result.timings_ms.certified_1pct_at_ms !== undefined) result.timings_ms.certified_1pct_at_ms += cover_ms;
  return { result, extra };
}

