import type { Db } from '../db/index.ts';
import { ApiError } from '../errors.ts';
import type { ReportKind } from './schema.ts';

/**
 * Caps that stop one phone from flooding a station's card without locking out the many riders a carrier NAT puts
 * behind one address: a tight cap per device token, a loose one per address. Counted in the database so every API
 * process (cluster mode) sees the same counts.
 */
export const LIMITS = {
  device: { max: 5, window_s: 600 },
  address: { max: 60, window_s: 3600 },
} as const;

export interface NewReport {
  facility_id: number;
  kind: ReportKind;
  note?: string;
  lng?: number;
  lat?: number;
  client_hmac: string;
  device_hash?: string;
}

const WINDOW_SQL = (column: 'device_hash' | 'client_hmac') => `
  select count(*)::int as n,
         ceil(extract(epoch from (min(created_at) + $2::int * interval '1 second' - now())))::int as retry_s
    from problem_reports
   where ${column} = $1 and created_at > now() - $2::int * interval '1 second'`;

function tooMany(retry_s: number, who_zh: string, who_en: string): ApiError {
  const wait = Math.max(1, retry_s);
  return new ApiError('rate_limited', `${who_zh}提交太频繁，请 ${wait} 秒后再试`, `Too many reports from ${who_en}; retry in ${wait} s`, {
    retry_after_s: wait,
  });
}

/** Insert one report, or throw 404 (unknown facility) / 429 (rate limited, details.retry_after_s). */
export async function createReport(db: Db, r: NewReport): Promise<{ id: number; created_at: string }> {
  return db.tx(async (q) => {
    const [facility] = await q.query<{ id: number }>('select id from live_facilities where id = $1', [r.facility_id]);
    if (!facility) {
      throw new ApiError('not_found', `未找到服务阵地 ${r.facility_id}`, `Facility ${r.facility_id} not found`, { facility_id: r.facility_id });
    }
    // Serialise writers per address so two concurrent requests cannot both pass the count.
    await q.query('select pg_advisory_xact_lock(hashtext($1))', [r.client_hmac]);
    if (r.device_hash) {
      const [d] = await q.query<{ n: number; retry_s: number }>(WINDOW_SQL('device_hash'), [r.device_hash, LIMITS.device.window_s]);
      if (d.n >= LIMITS.device.max) throw tooMany(d.retry_s, '此设备', 'this device');
    }
    const [a] = await q.query<{ n: number; retry_s: number }>(WINDOW_SQL('client_hmac'), [r.client_hmac, LIMITS.address.window_s]);
    if (a.n >= LIMITS.address.max) throw tooMany(a.retry_s, '此网络地址', 'this network address');
    const [row] = await q.query<{ id: number; created_at: string }>(
      `insert into problem_reports (facility_id, kind, note, geom, client_hmac, device_hash)
       values ($1, $2, $3,
               case when $4::float8 is null then null else ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326) end,
               $6, $7)
       returning id, to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as created_at`,
      [r.facility_id, r.kind, r.note || null, r.lng ?? null, r.lat ?? null, r.client_hmac, r.device_hash ?? null],
    );
    return row;
  });
}
