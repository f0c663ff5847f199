import { cellToParent } from 'h3-js';
import type { Queryable } from '../db/index.ts';
import { ApiError } from '../errors.ts';
import { resolveRegion } from '../regions/queries.ts';
import { coverSetsFromDb, coveredByExisting, existingSitesIn, hostCandidates, loadDefaultDemand } from './queries.ts';
import { cellCandidates, MAX_CELL_CANDIDATES, type CandidateKind, type CandidateMeta, type JobInput } from './job-input.ts';
import { DEFAULT_TIME_LIMIT_MS, parsePoints, type ParsedPoints, type SuggestBodyT } from './schema.ts';

/**
 * Turn a validated request into the worker's input. Database reads happen here, on the main thread, in short
 * queries; everything CPU-heavy (caller-point cover sets, the optimisation) happens in the worker.
 */

const emptyDemand = () => new ApiError('invalid_parameter', '需求为空：没有需求点', 'Empty demand: no demand points', { param: 'demand' });

export function kTooLarge(k: number, m: number) {
  return new ApiError('invalid_parameter', `k（${k}）大于候选点数量（${m}）`, `k (${k}) exceeds the number of candidates (${m})`, { param: 'k', k, candidates: m });
}

function fromParsed(p: ParsedPoints, kind: CandidateKind): CandidateMeta {
  return { ids: p.ids, lng: Array.from(p.lng), lat: Array.from(p.lat), names: p.names, kinds: p.ids.map(() => kind) };
}

export async function prepare(db: Queryable, body: SuggestBodyT): Promise<JobInput> {
  const keep = body.keep_existing ?? true;
  const weightKind = body.weight ?? 'residents';
  const time_limit_ms = body.time_limit_ms ?? DEFAULT_TIME_LIMIT_MS;
  // cheap checks first: counts (413) before per-feature validation, validation before any query
  const demandPts = body.demand ? parsePoints(body.demand, 'demand', true) : null;
  const candPts = body.candidates ? parsePoints(body.candidates, 'candidates', false) : null;
  if (candPts && body.k > candPts.ids.length) throw kTooLarge(body.k, candPts.ids.length);
  if (body.region) await resolveRegion(db, body.region);

  if (demandPts) {
    const n = demandPts.ids.length;
    // degrees that surely span radius_m (see queries.ts box) around the demand's bounding box
    let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
    for (let i = 0; i < n; i++) {
      minLng = Math.min(minLng, demandPts.lng[i]); maxLng = Math.max(maxLng, demandPts.lng[i]);
      minLat = Math.min(minLat, demandPts.lat[i]); maxLat = Math.max(maxLat, demandPts.lat[i]);
    }
    const dLat = (1.01 * body.radius_m) / 110574;
    const phi = Math.min(89.9, Math.max(Math.abs(minLat), Math.abs(maxLat)) + dLat);
    const dLng = (1.01 * body.radius_m) / (111320 * Math.cos((phi * Math.PI) / 180));
    const bbox = { minLng: minLng - dLng, minLat: minLat - dLat, maxLng: maxLng + dLng, maxLat: maxLat + dLat };
    const existing = keep ? await existingSitesIn(db, { ...bbox, hour: body.hour }) : { lng: new Float64Array(), lat: new Float64Array() };
    let candidates: CandidateMeta;
    if (candPts) candidates = fromParsed(candPts, 'custom');
    else {
      const hosts = await hostCandidates(db, { bbox });
      candidates = {
        ids: hosts.map((h) => `facility:${h.id}`), lng: hosts.map((h) => h.lng), lat: hosts.map((h) => h.lat),
        names: hosts.map((h) => h.name), kinds: hosts.map(() => 'facility' as const),
      };
    }
    return {
      k: body.k, radius_m: body.radius_m, time_limit_ms, candidates, demand_count: n,
      geo: {
        demandLng: demandPts.lng, demandLat: demandPts.lat, weight: demandPts.weight,
        existingLng: existing.lng, existingLat: existing.lat,
        candLng: Float64Array.from(candidates.lng), candLat: Float64Array.from(candidates.lat),
        addCells: !candPts,
      },
    };
  }

  const demand = await loadDefaultDemand(db, { region: body.region, weight: weightKind, hour: body.hour });
  const n = demand.h3.length;
  if (n === 0) throw emptyDemand();
  const covered = keep ? await coveredByExisting(db, { region: body.region, radius_m: body.radius_m, hour: body.hour }) : new Set<string>();
  const baseline = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (covered.has(demand.h3[i])) baseline[i] = 1;

  let candidates: CandidateMeta;
  if (candPts) candidates = fromParsed(candPts, 'custom');
  else {
    const hosts = await hostCandidates(db, { region: body.region });
    const cells = cellCandidates(demand.weight, (i) => baseline[i] === 1, (i) => cellToParent(demand.h3[i], 8), MAX_CELL_CANDIDATES);
    candidates = {
      ids: [...hosts.map((h) => `facility:${h.id}`), ...cells.map((c) => c.id)],
      lng: [...hosts.map((h) => h.lng), ...cells.map((c) => c.lng)],
      lat: [...hosts.map((h) => h.lat), ...cells.map((c) => c.lat)],
      names: [...hosts.map((h) => h.name), ...cells.map(() => undefined)],
      kinds: [...hosts.map(() => 'facility' as const), ...cells.map(() => 'h3_cell' as const)],
    };
    if (body.k > candidates.ids.length) throw kTooLarge(body.k, candidates.ids.length);
  }

  const m = candidates.ids.length;
  const rows = await coverSetsFromDb(db, {
    lng: Float64Array.from(candidates.lng), lat: Float64Array.from(candidates.lat), radius_m: body.radius_m, region: body.region,
  });
  const indexOf = new Map<string, number>();
  demand.h3.forEach((h, i) => indexOf.set(h, i));
  const lists: Int32Array[] = new Array(m);
  for (const r of rows) lists[r.i] = Int32Array.from(r.cells, (h) => indexOf.get(h)!).sort();
  const start = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) start[j + 1] = start[j] + (lists[j]?.length ?? 0);
  const idx = new Int32Array(start[m]);
  for (let j = 0; j < m; j++) if (lists[j]) idx.set(lists[j], start[j]);
  return {
    k: body.k, radius_m: body.radius_m, time_limit_ms, candidates, demand_count: n,
    instance: { weight: demand.weight, baseline, start, idx },
  };
}
