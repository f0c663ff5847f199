import { z } from '@hono/zod-openapi';

/** GeoJSON (RFC 7946) shapes for responses. Coordinates are WGS84 [lng, lat]. */
export const GeometrySchema = z
  .object({ type: z.string(), coordinates: z.any() })
  .openapi('Geometry', { description: 'GeoJSON geometry, WGS84 [lng, lat]' });

export const PointSchema = z
  .object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) })
  .openapi('Point');

export function featureCollection<P extends z.ZodType, G extends z.ZodType = typeof GeometrySchema>(
  name: string,
  properties: P,
  geometry: G = GeometrySchema as unknown as G,
) {
  const feature = z
    .object({ type: z.literal('Feature'), id: z.union([z.number(), z.string()]), geometry: geometry.nullable(), properties })
    .openapi(`${name}Feature`);
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(feature),
      numberReturned: z.number().int(),
      next_cursor: z.string().nullable().optional(),
    })
    .openapi(`${name}Collection`);
}

/** PostGIS returns ST_AsGeoJSON text; parse once here. */
export function parseGeom(text: unknown): { type: string; coordinates: unknown } | null {
  if (typeof text !== 'string' || text === '') return null;
  return JSON.parse(text) as { type: string; coordinates: unknown };
}
