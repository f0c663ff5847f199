import { parentPort, workerData } from 'node:worker_threads';
import { openPgliteLocal, type LocalPglite, type PgliteOptions } from './pglite-local.ts';
import { toWire, type HostReply, type HostRequest } from './pglite-protocol.ts';
import type { Tx } from './types.ts';

/**
 * The PGlite worker thread: owns the WASM PostgreSQL and answers requests from pglite.ts. PGlite executes one
 * statement at a time; a request that arrives while a transaction is open waits for it (PGlite's own lock), the
 * same semantics as one PostgreSQL connection.
 */
const port = parentPort!;
const send = (m: HostReply) => port.postMessage(m);
const input = (workerData as { input: { dataDir?: string; tarball?: Uint8Array<ArrayBuffer> } }).input;

interface OpenTx {
  q: Tx;
  finish: (commit: boolean) => void;
  settled: Promise<void>;
}
const ROLLBACK = Symbol('rollback');

let db: LocalPglite;
try {
  const opts: PgliteOptions = { dataDir: input.dataDir };
  if (input.tarball) opts.loadDataDir = new Blob([input.tarball]);
  db = await openPgliteLocal(opts);
  send({ kind: 'ready', caps: db.caps });
} catch (err) {
  send({ kind: 'fatal', error: toWire(err) });
  process.exit(1);
}

const txs = new Map<number, OpenTx>();

function begin(txId: number): Promise<void> {
  return new Promise((started, failed) => {
    let finish!: (commit: boolean) => void;
    const decided = new Promise<void>((resolve, reject) => {
      finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
    });
    const settled = db
      .tx(async (q) => {
        txs.set(txId, { q, finish, settled });
        started();
        await decided;
      })
      .catch((err: unknown) => {
        if (err !== ROLLBACK) throw err;
      })
      .finally(() => txs.delete(txId));
    settled.catch(failed);
  });
}

async function handle(m: HostRequest): Promise<unknown> {
  const target = (txId?: number) => {
    if (txId === undefined) return db;
    const t = txs.get(txId);
    if (!t) throw new Error(`transaction ${txId} is not open`);
    return t.q;
  };
  switch (m.op) {
    case 'query':
      return target(m.txId).query(m.sql, m.params);
    case 'exec':
      if (m.txId === undefined) return db.tx((q) => q.exec(m.sql));
      return (target(m.txId) as Tx).exec(m.sql);
    case 'copy':
      if (m.txId === undefined) return db.tx((q) => q.copyCsv(m.table, m.columns, m.csv));
      return (target(m.txId) as Tx).copyCsv(m.table, m.columns, m.csv);
    case 'begin':
      return begin(m.txId);
    case 'commit':
    case 'rollback': {
      const t = txs.get(m.txId);
      if (!t) throw new Error(`transaction ${m.txId} is not open`);
      t.finish(m.op === 'commit');
      return t.settled;
    }
    case 'dump':
      return new Uint8Array(await (await db.dump()).arrayBuffer());
    case 'close':
      await db.close();
      setImmediate(() => process.exit(0));
      return undefined;
  }
}

port.on('message', (m: HostRequest) => {
  handle(m).then(
    (value) => send({ kind: 'reply', id: m.id, ok: true, value }),
    (err: unknown) => send({ kind: 'reply', id: m.id, ok: false, error: toWire(err) }),
  );
});
