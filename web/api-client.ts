import { hc, type InferResponseType } from 'hono/client';
// Types only: erased at build time, so no server module reaches the bundle (the browser test checks dist/).
import type { AppType } from '../api/app.ts';
import type { ErrorSchema } from '../api/lib/errors-openapi.ts';
import type { z } from '@hono/zod-openapi';

/** The typed API client, derived from the server's routes (Hono RPC): a contract change breaks `tsc`. */
export const api = hc<AppType>('/');

type FacilitiesGet = typeof api.api.facilities.$get;
type RegionsGet = typeof api.api.regions.$get;
type SummaryGet = (typeof api.api.stats)['summary']['$get'];

export type FacilityCollection = InferResponseType<FacilitiesGet, 200>;
export type FacilityFeature = FacilityCollection['features'][number];
export type FacilityProperties = FacilityFeature['properties'];
export type RegionCollection = InferResponseType<RegionsGet, 200>;
export type RegionFeature = RegionCollection['features'][number];
export type StatsSummary = InferResponseType<SummaryGet, 200>;
/** The one error shape (routes declare it for 400/404/503, but the RPC types only carry the 200 bodies). */
type ErrorBody = z.infer<typeof ErrorSchema>;

/** An API answer other than 2xx, carrying the server's bilingual message, or a network failure (status 0). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message_zh: string,
    readonly message_en: string,
  ) {
    super(message_en);
    this.name = 'ApiRequestError';
  }

  /** 503: the database is starting or briefly unreachable — worth retrying by itself. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 503 || this.status === 502 || this.status === 504;
  }
}

/**
 * Await a client call and return its 200 body, or throw ApiRequestError with the server's
 * {error:{code,message,message_en}} (or a network error as status 0).
 */
export async function ok<T>(call: Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>): Promise<T> {
  let res: Awaited<typeof call>;
  try {
    res = await call;
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', '', '');
  }
  if (res.ok) return (await res.json()) as T;
  let body: Partial<ErrorBody> | null = null;
  try {
    body = (await res.json()) as ErrorBody;
  } catch {
    // not our JSON error shape (a proxy's HTML page, an empty 502)
  }
  const e = body?.error;
  throw new ApiRequestError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? '', e?.message_en ?? '');
}
