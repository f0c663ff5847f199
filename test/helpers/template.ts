import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Content hash of everything that shapes the seeded test database, so the prepared PGlite template is rebuilt
 * exactly when migrations, the demo generator, boundaries or the hours materialiser change.
 */
export function templateKey(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
    else if (!p.endsWith('.test.ts') && !p.endsWith('.md')) h.update(p.slice(ROOT.length)).update(readFileSync(p));
  };
  for (const p of ['api/db', 'api/hours', 'api/stats', 'data/demo', 'data/boundaries', 'package-lock.json']) walk(join(ROOT, p));
  return h.digest('hex').slice(0, 16);
}
