import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallInstance } from './fixtures/generate.ts';
import { coverSets } from './geodesic.ts';
import { evaluate, reduce, type CoverInstance } from './instance.ts';
import { runSuggest } from './run.ts';
import { lagrangianBound, lazyGreedy, solveMclp, submodularBound } from './solver.ts';

const SWAIN = resolve(import.meta.dirname, '../../../shared/benchmarks/mclp-swain55');

/** Best covered weight over every k-subset (the instances are small enough to enumerate). */
function bruteForce(inst: CoverInstance, k: number): number {
  const m = inst.cand.start.length - 1;
  const cover = Array.from({ length: m }, (_, j) => Array.from(inst.cand.idx.subarray(inst.cand.start[j], inst.cand.start[j + 1])));
  let best = 0;
  const pick: number[] = [];
  const rec = (from: number) => {
    if (pick.length === Math.min(k, m)) {
      const seen = new Set<number>();
      for (const j of pick) for (const i of cover[j]) seen.add(i);
      let v = 0;
      for (let i = 0; i < inst.weight.length; i++) if (inst.baseline[i] || seen.has(i)) v += inst.weight[i];
      best = Math.max(best, v);
      return;
    }
    for (let j = from; j < m; j++) { pick.push(j); rec(j + 1); pick.pop(); }
  };
  rec(0);
  return best;
}

function randomInstance(seed: number, n: number, m: number, r: number, withBaseline: boolean): CoverInstance {
  const { demand, candidates } = smallInstance(seed, n, m);
  const baseline = new Uint8Array(n);
  if (withBaseline) for (let i = 0; i < n; i += 7) baseline[i] = 1;
  return { weight: demand.weight, baseline, cand: coverSets(demand.lng, demand.lat, candidates.lng, candidates.lat, r) };
}

describe('MCLP solver on seeded random instances vs brute-force enumeration', () => {
  const cases: [number, number, number, number, number, boolean][] = [];
  for (let seed = 1; seed <= 12; seed++) {
    cases.push([seed, 40 + seed * 5, 10 + (seed % 5), 600 + seed * 60, 1 + (seed % 4), seed % 3 === 0]);
  }
  it.each(cases)('seed %i: %i demand × %i candidates, r = %i m, k = %i (baseline %s)', async (seed, n, m, r, k, withBaseline) => {
    const inst = randomInstance(seed, n, m, r, withBaseline);
    const exact = bruteForce(inst, k);
    const res = await solveMclp(inst, { k, time_limit_ms: 20_000 });
    expect(res.covered_weight).toBe(exact);
    expect(res.optimal).toBe(true);
    expect(res.gap).toBe(0);
    expect(res.upper_bound).toBeGreaterThanOrEqual(exact);
    expect(res.covered_weight).toBeGreaterThanOrEqual(res.greedy_weight);
    // the per-site added weights add up to the covered weight
    expect(res.baseline_weight + res.added.reduce((a, b) => a + b, 0)).toBeCloseTo(res.covered_weight, 6);
  });

  it('every bound it reports is ≥ the true optimum, also when stopped early', () => {
    for (let seed = 20; seed < 26; seed++) {
      const k = 3;
      const inst = randomInstance(seed, 60, 14, 900, false);
      const exact = bruteForce(inst, k);
      const R = reduce(inst);
      const g = lazyGreedy(R, k);
      expect(g.bound).toBeGreaterThanOrEqual(exact);
      expect(submodularBound(R, g.sites, k)).toBeGreaterThanOrEqual(exact);
      for (const deadline of [0, Date.now() + 200]) {
        // deadline 0: one iteration only (λ = W) — still a valid bound
        expect(lagrangianBound(R, k, g.value, deadline, 0).bound).toBeGreaterThanOrEqual(exact - 1e-6);
      }
      expect(evaluate(R, g.sites)).toBe(g.value);
    }
  });

  it('stops adding sites when nothing more can be covered', async () => {
    const inst = randomInstance(3, 20, 12, 3000, false);
    const res = await solveMclp(inst, { k: 12, time_limit_ms: 2000 });
    expect(res.covered_weight).toBe(res.total_weight);
    expect(res.order.length).toBeLessThan(12);
    expect(res.gap).toBe(0);
  });
});

describe('Swain 55-node benchmark (shared/benchmarks/mclp-swain55): proven optimum on every listed instance', () => {
  const nodes = JSON.parse(readFileSync(resolve(SWAIN, 'swain55_geo.json'), 'utf8')).nodes as { id: number; lng: number; lat: number; w: number }[];
  const optima = JSON.parse(readFileSync(resolve(SWAIN, 'swain55_optima.json'), 'utf8')) as {
    radius_m: number; p: number; optimum_weight: number; total_weight: number;
  }[];
  const lng = Float64Array.from(nodes, (n) => n.lng);
  const lat = Float64Array.from(nodes, (n) => n.lat);
  const weight = Float64Array.from(nodes, (n) => n.w);

  it('lists the 50 published instances', () => {
    expect(optima.length).toBe(50);
    expect(weight.reduce((a, b) => a + b, 0)).toBe(640);
  });

  it.each(optima.map((o) => [o.radius_m, o.p, o.optimum_weight] as const))('r = %i m, p = %i → %i', async (radius_m, p, optimum) => {
    // the same code the worker runs: Vincenty cover sets for caller points, then the solver
    const out = await runSuggest(
      {
        k: p, radius_m, time_limit_ms: 30_000, demand_count: nodes.length,
        candidates: { ids: nodes.map((n) => n.id), lng: Array.from(lng), lat: Array.from(lat), names: [], kinds: [] },
        geo: {
          demandLng: lng, demandLat: lat, weight, existingLng: new Float64Array(), existingLat: new Float64Array(),
          candLng: lng, candLat: lat, addCells: false,
        },
      },
      () => {},
    );
    expect(out.result.covered_weight).toBe(optimum);
    expect(out.result.optimal).toBe(true);
    expect(out.result.gap).toBe(0);
    expect(out.result.upper_bound).toBe(optimum);
  });
});
