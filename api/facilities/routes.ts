import { createRoute, z } from '@hono/zod-openapi';
import { notFound } from '../errors.ts';
import { commonErrors } from '../lib/errors-openapi.ts';
import { encodeCursor } from '../lib/params.ts';
import { createRouter } from '../lib/router.ts';
import { resolveRegion } from '../regions/queries.ts';
import { getFacility, listFacilities } from './queries.ts';
import { FacilitiesQuery, FacilityCollection, FacilityIdParam, FacilityProps } from './schema.ts';
import { PointSchema } from '../lib/geojson.ts';

const list = createRoute({
  method: 'get',
  path: '/facilities',
  tags: ['facilities'],
  summary: '服务阵地列表 / service sites (GeoJSON, cursor pagination, stable order by id)',
  request: { query: FacilitiesQuery },
  responses: {
    200: { content: { 'application/json': { schema: FacilityCollection } }, description: 'GeoJSON FeatureCollection' },
    ...commonErrors,
  },
});

const one = createRoute({
  method: 'get',
  path: '/facilities/{id}',
  tags: ['facilities'],
  summary: '单个服务阵地 / one service site',
  request: { params: FacilityIdParam },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ type: z.literal('Feature'), id: z.number(), geometry: PointSchema, properties: FacilityProps }),
        },
      },
      description: 'GeoJSON Feature',
    },
    ...commonErrors,
  },
});

export const facilitiesRouter = createRouter()
  .openapi(list, async (c) => {
    const p = c.req.valid('query');
    const db = c.var.db;
    if (p.region) await resolveRegion(db, p.region);
    const limit = p.limit ?? 1000;
    const { features, lastId } = await listFacilities(db, {
      types: p.type, statuses: p.status, region: p.region, bbox: p.bbox, amenities: p.amenity, q: p.q,
      afterId: p.cursor, limit,
    });
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features,
        numberReturned: features.length,
        next_cursor: lastId === null ? null : encodeCursor(lastId),
      },
      200,
    );
  })
  .openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const f = await getFacility(c.var.db, id);
    if (!f) throw notFound(`服务阵地 ${id}`, `Facility ${id}`, { id });
    return c.json(f, 200);
  });
