import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';

/** What every handler can reach through c.var — injected by createApp, never imported as a global. */
export interface Deps {
  db: Db;
  config: Config;
}

export interface AppEnv {
  Variables: Deps;
}
