// Deterministic randomness for the derived (approximate) geometry.
// Why our own PRNG: Math.random() cannot be seeded, and the committed files must be byte-identical on every rebuild.

/** mulberry32: a 32-bit state generator; plenty for placing a few thousand points and tiny to audit. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * FNV-1a hash of a string to a 32-bit seed. Seeding each county / village from its official code (not from a running
 * counter) keeps one unit's derived geometry stable when another unit is added to or removed from the source lists.
 */
export function seedFromString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
