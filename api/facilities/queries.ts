import { keysetPage } from '../lib/paging.ts';
import type { Queryable } from '../db/index.ts';
import { SqlBuilder } from '../lib/sql.ts';
import type { z } from '@hono/zod-openapi';
import type { FacilityProps } from './schema.ts';
import type { Amenity, FacilityType } from './types.ts';

export interface FacilityFilter {
  types?: FacilityType[];
  statuses?: string[];
  /** town codes the region expands to (null = no region filter) */
  region?: string;
  bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number };
  amenities?: Amenity[];
  q?: string;
  afterId?: number;
  limit: number;
  /** evaluate open_now at this instant (defaults to now()) */
  at?: Date;
}

/** Row shape = the response schema's properties + the point; derived, never hand-copied. */
type FacilityRow = z.infer<typeof FacilityProps> & { lng: number; lat: number };

/** Columns every facility response carries; contact stays out (restricted). */
const SELECT = `
  select f.id, f.type, f.name, f.address, f.region_code, t.name as region_name, t.parent_code as county_code,
         f.grid_id, f.host_type, f.co_built, f.opening_hours,
         (f.status = 'open' and facility_open_at(f.id, %AT%)) as open_now,
         f.amenities, f.capacity, f.status, f.opened_on, f.last_verified, f.demo,
         round(ST_X(f.geom)::numeric, 6)::float8 as lng, round(ST_Y(f.geom)::numeric, 6)::float8 as lat
    from live_facilities f
    join regions t on t.code = f.region_code`;

function toFeature(r: FacilityRow) {
  const { lng, lat, ...props } = r;
  return {
    type: 'Feature' as const,
    id: r.id,
    geometry: { type: 'Point' as const, coordinates: [lng, lat] as [number, number] },
    properties: props,
  };
}

export async function listFacilities(q: Queryable, f: FacilityFilter) {
  const b = new SqlBuilder();
  const at = b.param(f.at ?? new Date());
  if (f.types) b.where(`f.type = any(${b.param(f.types)}::text[])`);
  if (f.statuses) b.where(`f.status = any(${b.param(f.statuses)}::text[])`);
  if (f.region) b.where(`f.region_code in (select code from region_towns(${b.param(f.region)}))`);
  if (f.bbox) {
    // Compare the indexed column with an envelope; never transform the column (keeps the GiST index usable).
    const { minLng, minLat, maxLng, maxLat } = f.bbox;
    b.where(`f.geom && ST_MakeEnvelope(${b.param(minLng)}, ${b.param(minLat)}, ${b.param(maxLng)}, ${b.param(maxLat)}, 4326)`);
  }
  if (f.amenities) b.where(`f.amenities @> ${b.param(f.amenities)}::text[]`);
  if (f.q) b.where(`(f.name ilike ${b.param(`%${escapeLike(f.q)}%`)} or f.address ilike $${b.params.length})`);
  if (f.afterId !== undefined) b.where(`f.id > ${b.param(f.afterId)}`);
  const limit = b.param(f.limit + 1);
  const rows = await q.query<FacilityRow>(
    `${SELECT.replace('%AT%', `${at}::timestamptz`)} ${b.whereClause()} order by f.id limit ${limit}`,
    b.params,
  );
  const { page, lastId } = keysetPage(rows, f.limit);
  return { features: page.map(toFeature), lastId };
}

export async function getFacility(q: Queryable, id: number) {
  const rows = await q.query<FacilityRow>(`${SELECT.replace('%AT%', 'now()')} where f.id = $1`, [id]);
  return rows[0] ? toFeature(rows[0]) : null;
}

/** ILIKE treats % and _ as wildcards; a user typing them means the characters. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);
