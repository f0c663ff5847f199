import { cellToLatLng } from 'h3-js';

/** What the main thread hands the suggestion worker (structured-cloned), and helpers both sides use. */

/** Default candidates also include centres of the most-weighted uncovered H3 res-8 cells, at most this many. */
export const MAX_CELL_CANDIDATES = 1500;

export type CandidateKind = 'facility' | 'h3_cell' | 'custom';

export interface CandidateMeta {
  ids: (string | number)[];
  lng: number[];
  lat: number[];
  names: (string | undefined)[];
  kinds: CandidateKind[];
}

export interface JobInput {
  k: number;
  radius_m: number;
  time_limit_ms: number;
  /** cover sets already built (demand from the database) */
  instance?: { weight: Float64Array; baseline: Uint8Array; start: Int32Array; idx: Int32Array };
  /** caller-supplied demand: cover sets are computed in the worker with the geodesic (Vincenty) test */
  geo?: {
    demandLng: Float64Array;
    demandLat: Float64Array;
    weight: Float64Array;
    existingLng: Float64Array;
    existingLat: Float64Array;
    candLng: Float64Array;
    candLat: Float64Array;
    /** add centres of uncovered res-8 cells as candidates (default candidates) */
    addCells: boolean;
  };
  candidates: CandidateMeta;
  demand_count: number;
}

/** Rank uncovered demand by res-8 parent and keep the heaviest cells' centres. */
export function cellCandidates(weight: Float64Array, covered: (i: number) => boolean, res8Of: (i: number) => string, max: number) {
  const sum = new Map<string, number>();
  for (let i = 0; i < weight.length; i++) {
    if (covered(i) || !(weight[i] > 0)) continue;
    const c = res8Of(i);
    sum.set(c, (sum.get(c) ?? 0) + weight[i]);
  }
  return [...sum.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([cell]) => {
      const [la, ln] = cellToLatLng(cell);
      return { id: `h3:${cell}`, lng: ln, lat: la };
    });
}

