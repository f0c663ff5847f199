/** Messages between the API thread (pglite.ts) and the PGlite worker thread (pglite-host.ts). */
export type HostRequest =
  | { id: number; op: 'query'; txId?: number; sql: string; params: readonly unknown[] }
  | { id: number; op: 'exec'; txId?: number; sql: string }
  | { id: number; op: 'copy'; txId?: number; table: string; columns: readonly string[]; csv: string }
  | { id: number; op: 'begin'; txId: number }
  | { id: number; op: 'commit' | 'rollback'; txId: number }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** A database error as plain data: message plus the PostgreSQL fields (code = SQLSTATE, detail, …). */
export interface WireError {
  message: string;
  fields: Record<string, unknown>;
}

export type HostReply =
  | { kind: 'ready'; caps: import('./types.ts').DbCaps }
  | { kind: 'fatal'; error: WireError }
  | { kind: 'reply'; id: number; ok: true; value?: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WireError };

export function toWire(err: unknown): WireError {
  const e = err as Record<string, unknown> & { message?: string };
  const fields: Record<string, unknown> = {};
  for (const k of ['code', 'detail', 'hint', 'position', 'where', 'schema', 'table', 'column', 'constraint', 'severity']) {
    if (e && typeof e === 'object' && e[k] !== undefined) fields[k] = e[k];
  }
  return { message: e?.message ?? String(err), fields };
}

export function fromWire(w: WireError): Error {
  const err = new Error(w.message);
  Object.assign(err, w.fields);
  return err;
}
