import type { InferResponseType } from 'hono/client';
import type { Amenity } from '../../api/facilities/types.ts';
import { api, ApiRequestError, ok, type RegionCollection } from '../api-client.ts';

type NearbyGet = typeof api.api.facilities.nearby.$get;
export type NearbyCollection = InferResponseType<NearbyGet, 200>;
export type NearbyFeature = NearbyCollection['features'][number];
export type NearbyProps = NearbyFeature['properties'];

/** The amenity chips, in the order riders ask for them. */
export const CHIP_AMENITIES = ['water', 'charging', 'toilet', 'microwave'] as const satisfies readonly Amenity[];
export type ChipAmenity = (typeof CHIP_AMENITIES)[number];

export interface Filters {
  amenities: ChipAmenity[];
  /** 24/7 stations only — filtered here, see nearbyQuery */
  allDay: boolean;
  openOnly: boolean;
}

export const DEFAULT_FILTERS: Filters = { amenities: [], allDay: false, openOnly: true };

/** Where the list is measured from: the phone's fix, or a town's centroid the rider picked. */
export type Place =
  | { kind: 'gps'; lng: number; lat: number; accuracy_m: number }
  | { kind: 'town'; lng: number; lat: number; code: string; name: string; pinyin: string | null };

export const LIST_SIZE = 5;
/**
 * The API has no "24/7 only" filter, so for the 24小时 chip we ask for the API's maximum and keep the
 * `opening_hours === '24/7'` ones. 24/7 stations are a small share (≈ 8 % in the demo data) but sit where riders
 * are, so the nearest 50 normally hold 5 of them; when they do not the list says it looked among 50 only.
 */
export const ALL_DAY_POOL = 50;

/**
 * The evaluation time is the page's own clock (not `now` on the server): the card then says "open" for the
 * minute the rider is looking at, and a test that pins the browser clock pins the whole answer.
 */
export function nearbyQuery(place: Place, f: Filters, now: Date) {
  return {
    lng: place.lng.toFixed(6),
    lat: place.lat.toFixed(6),
    limit: String(f.allDay ? ALL_DAY_POOL : LIST_SIZE),
    ...(f.amenities.length ? { amenity: f.amenities.join(',') } : {}),
    open_at: isoShanghai(now),
    ...(f.openOnly ? {} : { open_only: 'false' as const }),
  };
}

export interface NearbyResult {
  features: NearbyFeature[];
  /** how many the API returned before the client-side 24/7 filter */
  pool: number;
  /** ISO time the answer was fetched (page clock) */
  fetched_at: string;
}

export async function fetchNearby(place: Place, f: Filters, now: Date, signal: AbortSignal): Promise<NearbyResult> {
  const body = await ok<NearbyCollection>(
    api.api.facilities.nearby.$get({ query: nearbyQuery(place, f, now) }, { init: { signal } }),
  );
  const features = f.allDay
    ? body.features.filter((x) => x.properties.opening_hours === '24/7').slice(0, LIST_SIZE)
    : body.features;
  return { features, pool: body.features.length, fetched_at: now.toISOString() };
}

/** `2026-05-20T20:30:00+08:00`: Beijing time written out, so the server and the log read the same wall time. */
export function isoShanghai(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  return `${s}+08:00`;
}

// ---- towns (fallback when there is no location) ----

export interface Town {
  code: string;
  name: string;
  pinyin: string | null;
  lng: number;
  lat: number;
}

export async function fetchTowns(signal: AbortSignal): Promise<Town[]> {
  const fc = await ok<RegionCollection>(
    api.api.regions.$get({ query: { level: 'town', geometry: 'false' } }, { init: { signal } }),
  );
  const towns: Town[] = [];
  for (const r of fc.features) {
    const c = r.properties.centroid;
    if (!c) continue;
    towns.push({ code: r.properties.code, name: r.properties.name, pinyin: r.properties.pinyin, lng: c[0], lat: c[1] });
  }
  return towns;
}

/**
 * Characters anywhere in the name, or pinyin from the start of the name's pinyin or of any syllable run the rider
 * typed ("wuyou" → 伍佑街道 wuyoujiedao). Spaces and case are ignored; prefix matches rank first.
 */
export function searchTowns(towns: readonly Town[], q: string, max = 8): Town[] {
  const needle = q.trim().toLowerCase().replace(/[\s'’-]+/g, '').replace(/ü/g, 'v');
  if (!needle) return [];
  const scored: { t: Town; score: number }[] = [];
  for (const t of towns) {
    const py = (t.pinyin ?? '').toLowerCase();
    let score = -1;
    if (t.name.startsWith(needle) || py.startsWith(needle)) score = 0;
    else if (t.name.includes(needle)) score = 1;
    else if (needle.length >= 2 && py.includes(needle)) score = 2;
    if (score >= 0) scored.push({ t, score });
  }
  scored.sort((a, b) => a.score - b.score || a.t.name.length - b.t.name.length || a.t.code.localeCompare(b.t.code));
  return scored.slice(0, max).map((s) => s.t);
}

// ---- problem reports ----

export const REPORT_KINDS = ['closed', 'no_water', 'no_power', 'dirty', 'unsafe', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export type ReportOutcome =
  | { kind: 'ok'; id: number }
  | { kind: 'rate_limited'; retry_after_s: number }
  | { kind: 'error'; error: ApiRequestError };

export async function sendReport(input: {
  facility_id: number;
  kind: ReportKind;
  note?: string;
  lng?: number;
  lat?: number;
}): Promise<ReportOutcome> {
  let res: Response;
  try {
    res = (await api.api.reports.$post({ json: { ...input, device_token: deviceToken() } })) as unknown as Response;
  } catch {
    return { kind: 'error', error: new ApiRequestError(0, 'network', '', '') };
  }
  if (res.status === 201) {
    const body = (await res.json()) as { id: number };
    return { kind: 'ok', id: body.id };
  }
  if (res.status === 429) {
    const s = Number(res.headers.get('Retry-After'));
    return { kind: 'rate_limited', retry_after_s: Number.isFinite(s) && s > 0 ? Math.ceil(s) : 60 };
  }
  let e: { code?: string; message?: string; message_en?: string } | undefined;
  try {
    e = ((await res.json()) as { error?: typeof e }).error;
  } catch {
    // a proxy's page, not our error shape
  }
  return { kind: 'error', error: new ApiRequestError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? '', e?.message_en ?? '') };
}

const DEVICE_KEY = 'zgfw.device';

/**
 * A random token this phone keeps, so the server can rate-limit one device without locking out every rider
 * behind the same carrier NAT. getRandomValues, not randomUUID: the latter needs a secure context.
 */
function deviceToken(): string | undefined {
  try {
    let t = localStorage.getItem(DEVICE_KEY);
    if (!t || !/^[0-9a-f]{32}$/.test(t)) {
      const b = crypto.getRandomValues(new Uint8Array(16));
      t = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      localStorage.setItem(DEVICE_KEY, t);
    }
    return t;
  } catch {
    return undefined;
  }
}

// ---- last good answer, for a flaky connection ----

const CACHE_KEY = 'zgfw.rider.last';

export interface Cached {
  saved_at: string;
  place: Place;
  filters: Filters;
  result: NearbyResult;
}

export function saveLast(c: Cached): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(c));
  } catch {
    // storage full or disabled: the list still works, only without the offline copy
  }
}

export function loadLast(): Cached | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    if (!raw) return null;
    const c = JSON.parse(raw) as Cached;
    return c && Array.isArray(c.result?.features) && typeof c.saved_at === 'string' ? c : null;
  } catch {
    return null;
  }
}

const FILTERS_KEY = 'zgfw.rider.filters';

export function loadFilters(): Filters {
  try {
    const f = JSON.parse(localStorage.getItem(FILTERS_KEY) ?? 'null') as Partial<Filters> | null;
    if (!f) return { ...DEFAULT_FILTERS };
    return {
      amenities: (f.amenities ?? []).filter((a): a is ChipAmenity => (CHIP_AMENITIES as readonly string[]).includes(a)),
      allDay: f.allDay === true,
      openOnly: f.openOnly !== false,
    };
  } catch {
    return { ...DEFAULT_FILTERS };
  }
}

export function saveFilters(f: Filters): void {
  try {
    localStorage.setItem(FILTERS_KEY, JSON.stringify(f));
  } catch {
    // not remembered
  }
}
