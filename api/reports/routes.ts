import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../lib/env.ts';
import { commonErrors, ErrorSchema } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { clientHmac, DEV_SECRET, deviceHash } from './client-key.ts';
import { createReport } from './queries.ts';
import { ReportBody, ReportCreated } from './schema.ts';

/** A report is a few hundred bytes; 4 KB leaves room for a 500-character Chinese note (≈ 1.5 KB) and JSON escapes. */
export const REPORT_BODY_MAX_BYTES = 4096;

const post = createRoute({
  method: 'post',
  path: '/reports',
  tags: ['reports'],
  summary: '骑手问题反馈 / a rider reports a problem at a station',
  request: { body: { content: { 'application/json': { schema: ReportBody } }, required: true } },
  responses: {
    201: { content: { 'application/json': { schema: ReportCreated } }, description: 'stored' },
    ...commonErrors,
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: '请求体过大 / body too large' },
    429: {
      content: { 'application/json': { schema: ErrorSchema } },
      description: '提交太频繁 / rate limited; see the Retry-After header',
    },
  },
});

/**
 * The client's address: the socket peer, or — only when TRUST_PROXY is set, i.e. a reverse proxy we run sits in
 * front — the last X-Forwarded-For hop (the one our proxy appended; earlier hops are whatever the client claimed).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.config.TRUST_PROXY) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

let warned = false;

const router = createRouter();
router.use(
  '/reports',
  bodyLimit({
    maxSize: REPORT_BODY_MAX_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `请求体过大（上限 ${REPORT_BODY_MAX_BYTES} 字节）`, `Request body too large (limit ${REPORT_BODY_MAX_BYTES} bytes)`);
    },
  }),
);

export const reportsRouter = router.openapi(post, async (c) => {
  const b = c.req.valid('json');
  const now = new Date();
  const secret = c.var.config.REPORT_HMAC_SECRET;
  if (secret === DEV_SECRET && c.var.config.NODE_ENV === 'production' && !warned) {
    warned = true;
    console.warn('[reports] REPORT_HMAC_SECRET is the development default: set a secret of your own in production');
  }
  try {
    const created = await createReport(c.var.db, {
      facility_id: b.facility_id,
      kind: b.kind,
      note: b.note,
      lng: b.lng,
      lat: b.lat,
      client_hmac: clientHmac(secret, clientAddress(c), now),
      device_hash: b.device_token ? deviceHash(b.device_token) : undefined,
    });
    return c.json(created, 201);
  } catch (err) {
    // The one error mapping builds the body; the header must be set here, where the wait is known.
    if (err instanceof ApiError && err.code === 'rate_limited') {
      c.header('Retry-After', String((err.details as { retry_after_s: number }).retry_after_s));
    }
    throw err;
  }
});
