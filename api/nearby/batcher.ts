import type { Queryable } from '../db/index.ts';
import { findNearbyMany, type NearbyFilter, type NearbyPoint, type NearbyResult, type NearbyShape } from './queries.ts';

/**
 * Natural batching of nearest-station questions: while MAX_IN_FLIGHT statements are running, questions of
 * the same shape (types, amenities, open filter, radius, limit) wait and then go to PostgreSQL together as one
 * statement (a batch of points, see spansSql). An idle server sends each question at once, alone — batching
 * adds no delay; under load one round trip, one statement start-up and one socket write serve many riders.
 */
const MAX_IN_FLIGHT = 4;
const MAX_BATCH = 32;

interface Waiting {
  point: NearbyPoint;
  resolve: (r: NearbyResult) => void;
  reject: (e: unknown) => void;
}

export class NearbyBatcher {
  private inFlight = 0;
  private readonly queues = new Map<string, { shape: NearbyShape; waiting: Waiting[] }>();
  private scheduled = false;

  constructor(private readonly db: Queryable) {}

  find(f: NearbyFilter): Promise<NearbyResult> {
    const shape: NearbyShape = { types: f.types, amenities: f.amenities, openOnly: f.openOnly, radius_m: f.radius_m, limit: f.limit };
    const key = JSON.stringify([shape.types, shape.amenities ?? [], shape.openOnly, shape.radius_m ?? null, shape.limit]);
    return new Promise<NearbyResult>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { shape, waiting: [] }));
      q.waiting.push({ point: { lng: f.lng, lat: f.lat, at: f.at }, resolve, reject });
      this.schedule();
    });
  }

  /** Questions that arrive in the same turn of the event loop join one batch. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queues.size > 0) {
      // the shape that has waited longest goes first (Map keeps insertion order)
      const [key, q] = this.queues.entries().next().value!;
      const batch = q.waiting.splice(0, MAX_BATCH);
      this.queues.delete(key);
      if (q.waiting.length > 0) this.queues.set(key, q); // to the back: a busy shape does not starve the others
      this.inFlight++;
      findNearbyMany(this.db, q.shape, batch.map((w) => w.point)).then(
        (results) => batch.forEach((w, j) => w.resolve(results[j])),
        (err) => batch.forEach((w) => w.reject(err)),
      ).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }
}

const batchers = new WeakMap<Queryable, NearbyBatcher>();

/** One batcher per database handle (per process). */
export function batcherFor(db: Queryable): NearbyBatcher {
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new NearbyBatcher(db)));
  return b;
}
