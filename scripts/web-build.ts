import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under the given paths (files or directories, recursively). */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules') walk(join(p, e));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(walk);
  return newest;
}

/** Inputs of the web bundle: its sources, the API modules it imports types and vocabularies from, the config. */
const WEB_INPUTS = ['web', 'api/facilities/types.ts', 'vite.config.ts', 'package-lock.json'];

/** Build dist/ with Vite only when a web input is newer than dist/index.html (keeps the second start fast). */
export function buildWebIfStale(root: string, log: (line: string) => void): void {
  const index = join(root, 'dist', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > 0 && newestMtime(WEB_INPUTS.map((p) => join(root, p))) <= built) {
    log('网页已是最新 / web app up to date (dist/)');
    return;
  }
  const t0 = Date.now();
  log('构建网页 / building web app (vite build)…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
  log(`网页构建完成 / web app built (${Date.now() - t0} ms)`);
}
