/**
 * Typed configuration, validated once at boot (the process refuses to start with a clear list of
 * what is wrong). Every variable is documented in the README's "Configuration" table.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPassword } from '../auth/common-passwords';
import { isDate } from '../common/months';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value));
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /** Where the embedded PostgreSQL keeps its cluster and where other local state lives. */
  @IsString()
  DATA_DIR = path.resolve(process.cwd(), 'data');

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(60 * 60 * 24)
  JWT_EXPIRES_IN_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  /** Seed the demo consortium (once) and create a demo admin when ADMIN_* are unset. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DEMO_MODE?: boolean;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  LOGIN_RATE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(3600000)
  LOGIN_RATE_WINDOW_MS = 60000;

  /** Login attempts from one address (any accounts) per window: stops password spraying across emails. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_ADDRESS_RATE_LIMIT = 100;

  /** How long (ms) the guard may reuse its answer to "is this session live?"; 0 asks the database every time. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10000)
  SESSION_CHECK_CACHE_MS = 2000;

  /** Proxies whose X-Forwarded-For is believed (Express 'trust proxy' list: addresses or CIDRs, comma-separated); none by default. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TRUSTED_PROXIES?: string;

  @IsString()
  BODY_LIMIT = '1mb';

  /** JSON bodies nested deeper than this (arrays/objects inside one another) are a 400. */
  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(256)
  MAX_JSON_DEPTH = 32;

  /** First and last date (and so month) any month or date field accepts (YYYY-MM-DD). */
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'DATE_WINDOW_START must be a date YYYY-MM-DD' })
  DATE_WINDOW_START = '2000-01-01';

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'DATE_WINDOW_END must be a date YYYY-MM-DD' })
  DATE_WINDOW_END = '2100-12-31';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PUPPETEER_EXECUTABLE_PATH?: string;

  /** Warm Chromium pages = PDF reports rendered at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  PDF_POOL_PAGES = 2;

  /** Reports waiting for a page before new ones get 429. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  PDF_MAX_QUEUE = 20;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600000)
  PDF_QUEUE_TIMEOUT_MS = 10000;

  /** The most PDF reports (in the making or waiting) one user may have at once; more get 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PDF_USER_SHARE = 4;

  /** The most PDF reports (in the making or waiting) of one consortium at once; more get 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  PDF_CONSORTIUM_SHARE = 8;

  /** Peer groups smaller than this show no statistics to non-admins (benchmarking privacy). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(1000)
  BENCHMARK_MIN_PEER_GROUP = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  PDF_RENDER_TIMEOUT_MS = 20000;

  /** Memory for memoised statement ledgers (an estimate, MB); 0 computes every statement afresh. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(4096)
  STATEMENT_CACHE_MB = 64;

  /** Days a finished statement batch (its job and PDFs) is kept; 0 keeps them for ever. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  REPORT_RETENTION_DAYS = 90;

  /** An export whose client reads nothing for this long is cut off and its database connection released. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  EXPORT_STALL_TIMEOUT_MS = 30000;

  /** A CSV upload must have arrived whole within this time (408 after), before any database work starts. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  IMPORT_UPLOAD_TIMEOUT_MS = 60000;

  /** CSV imports one user may run at once (more: 429 with Retry-After). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  IMPORT_CONCURRENCY_PER_USER = 2;

  /** Run the background worker for report jobs (quarter-end statement batches) in this process. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  REPORT_WORKER?: boolean;

  /** Mail server for notifications, e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: no mail is sent. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  /** The From of every notification. */
  @IsString()
  MAIL_FROM = 'NHS consortium platform <no-reply@consortium.invalid>';

  /** The address people reach the web app at, for links in mail (default http://localhost:PORT). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+/, { message: 'PUBLIC_BASE_URL must be an http(s) address' })
  PUBLIC_BASE_URL?: string;

  /** When daily digests are sent (pg-boss cron, UTC). */
  @IsString()
  DIGEST_CRON = '0 7 * * *';

  /** A failed mail is retried this many times, the delay doubling from NOTIFY_RETRY_DELAY_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  NOTIFY_RETRY_LIMIT = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  NOTIFY_RETRY_DELAY_SECONDS = 60;

  /** Webhook targets on loopback addresses (http or https) are allowed: tests and local integration only. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  WEBHOOK_ALLOW_LOOPBACK?: boolean;

  /** A failed webhook delivery is retried this many times, the delay doubling from WEBHOOK_RETRY_DELAY_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(50)
  WEBHOOK_RETRY_LIMIT = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  WEBHOOK_RETRY_DELAY_SECONDS = 30;

  /** An endpoint is disabled after this many failed attempts in a row (the host enables it again). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER = 15;

  /** A webhook target must answer within this time. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** How often the worker looks for schedules that are due (pg-boss cron, UTC); each fires once whatever the number of processes. */
  @IsString()
  SCHEDULE_TICK_CRON = '*/10 * * * *';

  /** Seconds between a worker's polls of its job queues. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  JOB_POLL_SECONDS = 2;

  /**
   * Seconds between pg-boss maintenance passes (in worker processes): a job whose process died is
   * failed (and retried) at the first pass after its time limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOB_MAINTENANCE_SECONDS = 120;

  /** Time limit of one member's statement job in a batch; past it (e.g. its worker died) it is retried. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(3600)
  REPORT_MEMBER_TIMEOUT_SECONDS = 300;

  /** A bearer token /metrics requires; unset: /metrics is open (keep it off the public proxy). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** `npm run worker` only: a port for the worker's own small HTTP server (/metrics and the health checks, no API); unset: none. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_PORT?: number;

  /** The address the HTTP server binds to (default: 127.0.0.1, or 0.0.0.0 in production, e.g. in a container). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  BIND_ADDRESS?: string;

  /** Serve the OpenAPI document and its page at /api/docs (default: on, off in production). */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  API_DOCS?: boolean;

  /** Production only: allow the embedded PostgreSQL when DATABASE_URL is unset (a single-machine install that says so). */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  ALLOW_EMBEDDED_DB?: boolean;

  /** Chromium's sandbox for PDF rendering: on unless the process is root (where Chromium cannot use it); false turns it off. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  PDF_CHROMIUM_SANDBOX?: boolean;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  adminEmail?: string;
  adminPassword?: string;
  demoMode: boolean;
  loginRateLimit: number;
  loginRateWindowMs: number;
  loginAddressRateLimit: number;
  sessionCacheMs: number;
  trustedProxies: string[];
  bodyLimit: string;
  maxJsonDepth: number;
  dateWindow: { start: string; end: string };
  logLevel: string;
  puppeteerExecutablePath?: string;
  pdfPoolPages: number;
  pdfMaxQueue: number;
  pdfQueueTimeoutMs: number;
  pdfUserShare: number;
  pdfConsortiumShare: number;
  benchmarkMinPeerGroup: number;
  pdfRenderTimeoutMs: number;
  reportWorker: boolean;
  statementCacheMb: number;
  reportRetentionDays: number;
  bindAddress: string;
  apiDocs: boolean;
  chromiumSandbox: boolean;
  exportStallTimeoutMs: number;
  importUploadTimeoutMs: number;
  importConcurrencyPerUser: number;
  smtpUrl?: string;
  mailFrom: string;
  publicBaseUrl: string;
  digestCron: string;
  notifyRetryLimit: number;
  notifyRetryDelaySeconds: number;
  webhookAllowLoopback: boolean;
  webhookRetryLimit: number;
  webhookRetryDelaySeconds: number;
  webhookDisableAfter: number;
  webhookTimeoutMs: number;
  scheduleTickCron: string;
  jobPollSeconds: number;
  jobMaintenanceSeconds: number;
  reportMemberTimeoutSeconds: number;
  metricsToken?: string;
  workerPort?: number;
}

export class ConfigError extends Error {}

/** Validates `env` and returns the typed config, or throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvironmentVariables, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(parsed, { whitelist: false, skipMissingProperties: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  const production = parsed.NODE_ENV === 'production';
  if (production) problems.push(...productionProblems(parsed));
  if (!!parsed.ADMIN_EMAIL !== !!parsed.ADMIN_PASSWORD) problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  const adminPasswordProblem = parsed.ADMIN_PASSWORD === undefined ? null : checkPassword(parsed.ADMIN_PASSWORD);
  if (adminPasswordProblem) problems.push(`ADMIN_PASSWORD: ${adminPasswordProblem}`);
  if (!isDate(parsed.DATE_WINDOW_START) || !isDate(parsed.DATE_WINDOW_END) || parsed.DATE_WINDOW_START >= parsed.DATE_WINDOW_END) {
    problems.push('DATE_WINDOW_START and DATE_WINDOW_END must be real dates YYYY-MM-DD, the start before the end');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const dataDir = path.resolve(parsed.DATA_DIR);
  return {
    nodeEnv: parsed.NODE_ENV,
    port: parsed.PORT,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    embeddedPgPort: parsed.EMBEDDED_PG_PORT,
    jwtSecret: parsed.JWT_SECRET ?? localSecret(dataDir),
    jwtExpiresInSeconds: parsed.JWT_EXPIRES_IN_SECONDS,
    adminEmail: parsed.ADMIN_EMAIL,
    adminPassword: parsed.ADMIN_PASSWORD,
    demoMode: parsed.DEMO_MODE ?? !production,
    loginRateLimit: parsed.LOGIN_RATE_LIMIT,
    loginRateWindowMs: parsed.LOGIN_RATE_WINDOW_MS,
    loginAddressRateLimit: parsed.LOGIN_ADDRESS_RATE_LIMIT,
    sessionCacheMs: parsed.SESSION_CHECK_CACHE_MS,
    trustedProxies: (parsed.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
    bodyLimit: parsed.BODY_LIMIT,
    maxJsonDepth: parsed.MAX_JSON_DEPTH,
    dateWindow: { start: parsed.DATE_WINDOW_START, end: parsed.DATE_WINDOW_END },
    logLevel: parsed.LOG_LEVEL,
    puppeteerExecutablePath: parsed.PUPPETEER_EXECUTABLE_PATH,
    pdfPoolPages: parsed.PDF_POOL_PAGES,
    pdfMaxQueue: parsed.PDF_MAX_QUEUE,
    pdfQueueTimeoutMs: parsed.PDF_QUEUE_TIMEOUT_MS,
    pdfUserShare: parsed.PDF_USER_SHARE,
    pdfConsortiumShare: parsed.PDF_CONSORTIUM_SHARE,
    benchmarkMinPeerGroup: parsed.BENCHMARK_MIN_PEER_GROUP,
    pdfRenderTimeoutMs: parsed.PDF_RENDER_TIMEOUT_MS,
    reportWorker: parsed.REPORT_WORKER ?? true,
    statementCacheMb: parsed.STATEMENT_CACHE_MB,
    reportRetentionDays: parsed.REPORT_RETENTION_DAYS,
    bindAddress: parsed.BIND_ADDRESS ?? (production ? '0.0.0.0' : '127.0.0.1'),
    apiDocs: parsed.API_DOCS ?? !production,
    chromiumSandbox: parsed.PDF_CHROMIUM_SANDBOX ?? os.userInfo().uid !== 0,
    exportStallTimeoutMs: parsed.EXPORT_STALL_TIMEOUT_MS,
    importUploadTimeoutMs: parsed.IMPORT_UPLOAD_TIMEOUT_MS,
    importConcurrencyPerUser: parsed.IMPORT_CONCURRENCY_PER_USER,
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM,
    publicBaseUrl: (parsed.PUBLIC_BASE_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
    digestCron: parsed.DIGEST_CRON,
    notifyRetryLimit: parsed.NOTIFY_RETRY_LIMIT,
    notifyRetryDelaySeconds: parsed.NOTIFY_RETRY_DELAY_SECONDS,
    webhookAllowLoopback: parsed.WEBHOOK_ALLOW_LOOPBACK ?? false,
    webhookRetryLimit: parsed.WEBHOOK_RETRY_LIMIT,
    webhookRetryDelaySeconds: parsed.WEBHOOK_RETRY_DELAY_SECONDS,
    webhookDisableAfter: parsed.WEBHOOK_DISABLE_AFTER,
    webhookTimeoutMs: parsed.WEBHOOK_TIMEOUT_MS,
    scheduleTickCron: parsed.SCHEDULE_TICK_CRON,
    jobPollSeconds: parsed.JOB_POLL_SECONDS,
    jobMaintenanceSeconds: parsed.JOB_MAINTENANCE_SECONDS,
    reportMemberTimeoutSeconds: parsed.REPORT_MEMBER_TIMEOUT_SECONDS,
    metricsToken: parsed.METRICS_TOKEN,
    workerPort: parsed.WORKER_PORT,
  };
}

/**
 * Secrets that ship in this repository's files or in common examples: a production that starts with
 * one of them lets anyone who has read the repository sign tokens or sign in.
 */
const KNOWN_DEFAULTS = ['change-me', 'changeme', 'change_me', 'secret', 'password', 'example', 'default', 'test-secret', 'admin-password', 'demo-password'];

/** Shannon entropy of `s` in bits, from its own character frequencies: 'x' × 40 has 0, 32 random base64 characters about 150–190. */
export function entropyBits(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) perChar -= (n / s.length) * Math.log2(n / s.length);
  return perChar * s.length;
}

/** What production refuses: known or low-entropy secrets, demo mode, and the embedded database unless allowed. */
function productionProblems(p: EnvironmentVariables): string[] {
  const problems: string[] = [];
  const known = (v: string) => KNOWN_DEFAULTS.some((d) => v.toLowerCase().includes(d));
  if (!p.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  else if (known(p.JWT_SECRET)) problems.push('JWT_SECRET: a published example or default value; generate one (e.g. openssl rand -base64 48)');
  else if (entropyBits(p.JWT_SECRET) < 128) problems.push('JWT_SECRET: too predictable (under 128 bits); generate one (e.g. openssl rand -base64 48)');
  if (p.ADMIN_PASSWORD && known(p.ADMIN_PASSWORD)) problems.push('ADMIN_PASSWORD: a published example or default value');
  if (p.WEBHOOK_ALLOW_LOOPBACK === true) problems.push('WEBHOOK_ALLOW_LOOPBACK: not allowed in production (webhooks go to https addresses outside this machine)');
  if (p.DEMO_MODE === true) problems.push('DEMO_MODE: not allowed in production (it creates users with published passwords)');
  if (!p.DATABASE_URL && p.ALLOW_EMBEDDED_DB !== true) {
    problems.push('DATABASE_URL: required in production (or set ALLOW_EMBEDDED_DB=true for a single-machine install on the embedded PostgreSQL)');
  }
  return problems;
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept in the data folder, so demo
 * tokens survive a restart and no secret is ever committed.
 */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = crypto.randomBytes(48).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
