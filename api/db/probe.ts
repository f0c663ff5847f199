import type { DbCaps, Queryable } from './types.ts';

/** Oldest versions we test against (Debian 12's apt packages); older servers are refused at connect. */
export const MIN_POSTGRES_MAJOR = 15;
export const MIN_POSTGIS = [3, 3] as const;

/** Read server versions and optional features once at connect; code consults caps, never the driver name. */
export async function probeCaps(q: Queryable, driver: DbCaps['driver']): Promise<DbCaps> {
  const [v] = await q.query<{ pg: string; postgis: string }>(
    `select current_setting('server_version') as pg, postgis_lib_version() as postgis`,
  );
  const pgMajor = Number.parseInt(v.pg, 10);
  if (pgMajor < MIN_POSTGRES_MAJOR) throw new Error(`PostgreSQL ${v.pg} is older than ${MIN_POSTGRES_MAJOR}`);
  const [maj, min] = v.postgis.split('.').map((s) => Number.parseInt(s, 10));
  if (maj < MIN_POSTGIS[0] || (maj === MIN_POSTGIS[0] && min < MIN_POSTGIS[1])) {
    throw new Error(`PostGIS ${v.postgis} is older than ${MIN_POSTGIS.join('.')}`);
  }
  let mvt = true;
  try {
    // PGlite's PostGIS is compiled without protobuf-c: ST_AsMVT raises there.
    await q.query(`select ST_AsMVT(t) from (select 1 as a, ST_AsMVTGeom(ST_Point(0, 0), ST_MakeEnvelope(-1, -1, 1, 1)) as geom) t`);
  } catch {
    mvt = false;
  }
  return { driver, postgres_version: v.pg.split(' ')[0], postgis_version: v.postgis.split(' ')[0], mvt };
}
