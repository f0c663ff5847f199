import type { Csr } from './geodesic.ts';

/**
 * An MCLP instance as the solver sees it: demand weights, which demand is already covered by existing sites,
 * and each candidate's cover set. Built from PostGIS (queries.ts) or from caller points (geodesic.ts).
 */
export interface CoverInstance {
  /** weight of each demand point (≥ 0) */
  weight: Float64Array;
  /** 1 = already within reach of an existing open site (keep_existing); candidates gain nothing there */
  baseline: Uint8Array;
  /** candidate j covers demand cand.idx[cand.start[j] .. cand.start[j+1]) */
  cand: Csr;
}

/**
 * The instance after the reductions that never change the optimum: demand already covered or out of every
 * candidate's reach is set aside, and demand points with identical cover sets are merged into one element
 * (weights summed). On clustered city data this shrinks the rows the MIP and the bound work on.
 */
export interface Reduced {
  /** candidates (unchanged indices) */
  m: number;
  /** elements (merged demand) */
  nE: number;
  W: Float64Array;
  /** candidate → elements */
  cs: Int32Array;
  ci: Int32Array;
  /** element → candidates (ascending) */
  es: Int32Array;
  ei: Int32Array;
  totalWeight: number;
  baselineWeight: number;
  /** every weight is an integer: objective values are integers, so bounds may be rounded down */
  integral: boolean;
}

export function reduce(inst: CoverInstance): Reduced {
  const n = inst.weight.length;
  const m = inst.cand.start.length - 1;
  const { start, idx } = inst.cand;
  let totalWeight = 0, baselineWeight = 0;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    totalWeight += w;
    if (inst.baseline[i]) baselineWeight += w;
    if (integral && !Number.isInteger(w)) integral = false;
  }
  const live = (i: number) => inst.baseline[i] === 0 && inst.weight[i] > 0;
  // demand → candidates (transpose, restricted to live demand); candidates visited in order so lists are sorted
  const deg = new Int32Array(n + 1);
  for (let p = 0; p < idx.length; p++) if (live(idx[p])) deg[idx[p] + 1]++;
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const ds = deg;
  const di = new Int32Array(ds[n]);
  const fill = ds.slice(0, n);
  for (let j = 0; j < m; j++) {
    for (let p = start[j]; p < start[j + 1]; p++) {
      const i = idx[p];
      if (live(i)) di[fill[i]++] = j;
    }
  }
  // merge demand with identical candidate lists: hash, then confirm by comparing lists
  const elemOf = new Int32Array(n).fill(-1);
  const repOf: number[] = [];
  const weights: number[] = [];
  const byHash = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const a = ds[i], b = ds[i + 1];
    if (a === b) continue;
    let h = 2166136261 ^ (b - a);
    for (let p = a; p < b; p++) h = Math.imul(h ^ di[p], 16777619);
    const bucket = byHash.get(h);
    let found = -1;
    if (bucket) {
      for (const e of bucket) {
        const r = repOf[e];
        const ra = ds[r];
        if (ds[r + 1] - ra !== b - a) continue;
        let same = true;
        for (let q = 0; q < b - a; q++) if (di[ra + q] !== di[a + q]) { same = false; break; }
        if (same) { found = e; break; }
      }
    }
    if (found < 0) {
      found = repOf.length;
      repOf.push(i);
      weights.push(0);
      if (bucket) bucket.push(found);
      else byHash.set(h, [found]);
    }
    elemOf[i] = found;
    weights[found] += inst.weight[i];
  }
  const nE = repOf.length;
  const es = new Int32Array(nE + 1);
  for (let e = 0; e < nE; e++) es[e + 1] = es[e] + (ds[repOf[e] + 1] - ds[repOf[e]]);
  const ei = new Int32Array(es[nE]);
  const cdeg = new Int32Array(m + 1);
  for (let e = 0; e < nE; e++) {
    const r = repOf[e];
    ei.set(di.subarray(ds[r], ds[r + 1]), es[e]);
    for (let p = ds[r]; p < ds[r + 1]; p++) cdeg[di[p] + 1]++;
  }
  for (let j = 0; j < m; j++) cdeg[j + 1] += cdeg[j];
  const cs = cdeg;
  const ci = new Int32Array(cs[m]);
  const cfill = cs.slice(0, m);
  for (let e = 0; e < nE; e++) for (let p = es[e]; p < es[e + 1]; p++) ci[cfill[ei[p]]++] = e;
  return { m, nE, W: Float64Array.from(weights), cs, ci, es, ei, totalWeight, baselineWeight, integral };
}

/** Weight of the elements covered by a set of candidates (reduced instance, excluding baseline). */
export function evaluate(R: Reduced, sites: readonly number[]): number {
  const seen = new Uint8Array(R.nE);
  let v = 0;
  for (const j of sites) {
    for (let p = R.cs[j]; p < R.cs[j + 1]; p++) {
      const e = R.ci[p];
      if (!seen[e]) { seen[e] = 1; v += R.W[e]; }
    }
  }
  return v;
}

/**
 * Put a set of sites in the order a greedy planner would add them and give each its added weight, so the
 * response can say "site 1 adds this much, site 2 that much". Sites that add nothing come last.
 */
export function greedyOrder(R: Reduced, sites: readonly number[]): { order: number[]; added: number[] } {
  const covered = new Uint8Array(R.nE);
  const left = new Set(sites);
  const order: number[] = [];
  const added: number[] = [];
  while (left.size) {
    let best = -1, bestGain = -1;
    for (const j of left) {
      let g = 0;
      for (let p = R.cs[j]; p < R.cs[j + 1]; p++) if (!covered[R.ci[p]]) g += R.W[R.ci[p]];
      if (g > bestGain || (g === bestGain && j < best)) { best = j; bestGain = g; }
    }
    left.delete(best);
    for (let p = R.cs[best]; p < R.cs[best + 1]; p++) covered[R.ci[p]] = 1;
    order.push(best);
    added.push(bestGain);
  }
  return { order, added };
}
