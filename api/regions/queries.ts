import type { Queryable } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { parseGeom } from '../lib/geojson.ts';
import type { RegionLevel } from './schema.ts';

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

/** Look a region up or answer 404 — used by every resource that takes ?region=. */
export async function resolveRegion(q: Queryable, code: string): Promise<RegionRef> {
  const [r] = await q.query<RegionRef & Record<string, unknown>>(
    'select code, name, level, parent_code from regions where code = $1',
    [code],
  );
  if (!r) throw notFound(`行政区划 ${code}`, `Region ${code}`, { param: 'region', code });
  return r;
}

export async function listRegions(
  q: Queryable,
  f: { level?: RegionLevel; parent?: string; geometry: boolean },
) {
  const rows = await q.query<{
    code: string; name: string; level: RegionLevel; parent_code: string | null; approximate: boolean;
    pinyin: string | null; geom: string | null; lng: number | null; lat: number | null;
  }>(
    `select code, name, level, parent_code, approximate, pinyin,
            case when $3 then ST_AsGeoJSON(coalesce(geom, centroid), 6) else ST_AsGeoJSON(centroid, 6) end as geom,
            ST_X(centroid) as lng, ST_Y(centroid) as lat
       from regions
      where ($1::text is null or level = $1) and ($2::text is null or parent_code = $2)
      order by code`,
    [f.level ?? null, f.parent ?? null, f.geometry],
  );
  return rows.map((r) => ({
    type: 'Feature' as const,
    id: r.code,
    geometry: parseGeom(r.geom),
    properties: {
      code: r.code, name: r.name, level: r.level, parent_code: r.parent_code, approximate: r.approximate,
      pinyin: r.pinyin, centroid: r.lng === null || r.lat === null ? null : ([r.lng, r.lat] as [number, number]),
    },
  }));
}
