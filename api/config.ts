import { z } from 'zod';

/**
 * The one config module. Every key has a default that lets `npm start` run with nothing set; tests pass a
 * Config object instead of mutating process.env. Every key is listed in .env.example.
 */
const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    /** postgres://… → real PostgreSQL + PostGIS; unset → embedded PGlite in DATA_DIR. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./.data/pglite'),
    /** Pool size for the postgres driver (per process). */
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    /** Load the Yancheng demo data into an empty database at start-up. */
    SEED_DEMO: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
    /** Built web app served by the API in one process; empty disables static serving. */
    WEB_DIST: z.string().default('./dist'),
    /** Optional online basemap, off by default (the app must work without internet). */
    BASEMAP: z.enum(['none', 'osm', 'tianditu']).default('none'),
    /** Tianditu needs a key ("tk"); required when BASEMAP=tianditu. */
    TIANDITU_TK: z.string().optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /**
     * API processes (api/cluster.ts): 1 = one process; a number or "auto" (= CPU cores) forks that many workers
     * sharing the port. Only with DATABASE_URL: PGlite lives inside one process.
     */
    API_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
      .default(1),
    /**
     * Secret from which the daily key for hashing rider addresses in problem reports is derived (HMAC). The
     * default is for development only; the server warns when it is used in production.
     */
    REPORT_HMAC_SECRET: z.string().min(16, 'at least 16 characters').default('dev-only-report-secret-change-me'),
    /** Behind a reverse proxy (TLS terminator): take the client address from the last X-Forwarded-For hop. */
    TRUST_PROXY: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
  });

/** Rules across keys, checked on the raw values so they are reported together with per-key errors. */
function crossFieldIssues(env: Record<string, string>): string[] {
  const issues: string[] = [];
  if (env.BASEMAP === 'tianditu' && !env.TIANDITU_TK) issues.push('  TIANDITU_TK: required when BASEMAP=tianditu');
  if (env.API_WORKERS && env.API_WORKERS !== '1' && !env.DATABASE_URL) {
    issues.push('  API_WORKERS: more than one worker needs DATABASE_URL (embedded PGlite runs inside one process)');
  }
  return issues;
}

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse an environment; throws ConfigError naming every bad key at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in .env files mean "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  const lines = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)),
    ...crossFieldIssues(cleaned as Record<string, string>),
  ];
  if (!parsed.success || lines.length > 0) {
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Defaults only — for tests that need a Config without touching the environment. */
export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: '', ...overrides });
}
