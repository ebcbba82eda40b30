/**
 * Configuration in slices, one per concern. `loadConfig` validates the whole environment once at
 * boot (one list of everything wrong); each module then injects only the slice it needs, so a
 * service's constructor says which settings it depends on and a test overrides one slice at a time.
 */
import type { AppConfig } from './configuration';

export const SERVER_CONFIG = Symbol('SERVER_CONFIG');
export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');
export const SEED_CONFIG = Symbol('SEED_CONFIG');
export const PDF_CONFIG = Symbol('PDF_CONFIG');
export const REPORTS_CONFIG = Symbol('REPORTS_CONFIG');
export const STATEMENTS_CONFIG = Symbol('STATEMENTS_CONFIG');
export const BENCHMARK_CONFIG = Symbol('BENCHMARK_CONFIG');
export const STREAMS_CONFIG = Symbol('STREAMS_CONFIG');
export const JOBS_CONFIG = Symbol('JOBS_CONFIG');
export const MAIL_CONFIG = Symbol('MAIL_CONFIG');
export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');
export const SCHEDULES_CONFIG = Symbol('SCHEDULES_CONFIG');
export const METRICS_CONFIG = Symbol('METRICS_CONFIG');

export interface ServerConfig {
  nodeEnv: AppConfig['nodeEnv'];
  port: number;
  bodyLimit: string;
  /** JSON nesting beyond this is a 400 (MAX_JSON_DEPTH). */
  maxJsonDepth: number;
  /** Months and dates outside this window are a 400 (DATE_WINDOW_START, DATE_WINDOW_END). */
  dateWindow: { start: string; end: string };
  logLevel: string;
}

export interface DatabaseConfig {
  /** The database in use: DATABASE_URL, or the embedded server's URL (set by bootstrap). */
  url: string;
}

export interface AuthConfig {
  jwtSecret: string;
  jwtExpiresInSeconds: number;
  loginRateLimit: number;
  loginRateWindowMs: number;
  loginAddressRateLimit: number;
  /** How long the answer to "is this session live?" may be reused (SESSION_CHECK_CACHE_MS). */
  sessionCacheMs: number;
}

export interface SeedConfig {
  adminEmail?: string;
  adminPassword?: string;
  demoMode: boolean;
}

export interface PdfConfig {
  executablePath?: string;
  /** Chromium's sandbox (off only as root, or when PDF_CHROMIUM_SANDBOX=false). */
  sandbox: boolean;
  poolPages: number;
  maxQueue: number;
  queueTimeoutMs: number;
  renderTimeoutMs: number;
  /** Fair shares of the admission gate's places: per user, per consortium. */
  userShare: number;
  consortiumShare: number;
}

export interface ReportsConfig {
  worker: boolean;
  retentionDays: number;
  /** Time limit of one member's job in a statement batch (REPORT_MEMBER_TIMEOUT_SECONDS). */
  memberTimeoutSeconds: number;
}

export interface StatementsConfig {
  cacheMb: number;
}

export interface BenchmarkConfig {
  /** Peer groups smaller than this show no statistics to non-admins. */
  minPeerGroup: number;
}

export const serverConfig = (c: AppConfig): ServerConfig => ({
  nodeEnv: c.nodeEnv,
  port: c.port,
  bodyLimit: c.bodyLimit,
  maxJsonDepth: c.maxJsonDepth,
  dateWindow: c.dateWindow,
  logLevel: c.logLevel,
});
/** Uploads and downloads that must not hold a database connection hostage (CSV imports and exports). */
export interface StreamsConfig {
  /** An export whose client reads nothing for this long is cut off (its connection released). */
  exportStallTimeoutMs: number;
  /** The whole upload of a CSV import must arrive within this time (else 408). */
  importUploadTimeoutMs: number;
  /** CSV imports one user may run at once (else 429). */
  importConcurrencyPerUser: number;
}

/** Background work (pg-boss): whether this process runs jobs, and how often it polls. */
export interface JobsConfig {
  /** REPORT_WORKER: this process works the job queues (reports, notifications, webhooks, schedules). */
  worker: boolean;
  pollSeconds: number;
  /** pg-boss maintenance (expiry of jobs whose process died, archiving) every this many seconds. */
  maintenanceSeconds: number;
}

export interface MailConfig {
  /** Unset: notifications are recorded but no mail is sent. */
  smtpUrl?: string;
  from: string;
  /** Links in mail start here (no trailing slash). */
  publicBaseUrl: string;
  digestCron: string;
  retryLimit: number;
  retryDelaySeconds: number;
}

export interface WebhooksConfig {
  allowLoopback: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  disableAfter: number;
  timeoutMs: number;
}

export interface SchedulesConfig {
  tickCron: string;
}

export interface MetricsConfig {
  token?: string;
}

export const databaseConfig = (c: AppConfig): DatabaseConfig => ({ url: c.databaseUrl ?? '' });
export const authConfig = (c: AppConfig): AuthConfig => ({
  jwtSecret: c.jwtSecret,
  jwtExpiresInSeconds: c.jwtExpiresInSeconds,
  loginRateLimit: c.loginRateLimit,
  loginRateWindowMs: c.loginRateWindowMs,
  loginAddressRateLimit: c.loginAddressRateLimit,
  sessionCacheMs: c.sessionCacheMs,
});
export const seedConfig = (c: AppConfig): SeedConfig => ({ adminEmail: c.adminEmail, adminPassword: c.adminPassword, demoMode: c.demoMode });
export const pdfConfig = (c: AppConfig): PdfConfig => ({
  executablePath: c.puppeteerExecutablePath,
  sandbox: c.chromiumSandbox,
  poolPages: c.pdfPoolPages,
  maxQueue: c.pdfMaxQueue,
  queueTimeoutMs: c.pdfQueueTimeoutMs,
  renderTimeoutMs: c.pdfRenderTimeoutMs,
  userShare: c.pdfUserShare,
  consortiumShare: c.pdfConsortiumShare,
});
export const reportsConfig = (c: AppConfig): ReportsConfig => ({
  worker: c.reportWorker,
  retentionDays: c.reportRetentionDays,
  memberTimeoutSeconds: c.reportMemberTimeoutSeconds,
});
export const statementsConfig = (c: AppConfig): StatementsConfig => ({ cacheMb: c.statementCacheMb });
export const benchmarkConfig = (c: AppConfig): BenchmarkConfig => ({ minPeerGroup: c.benchmarkMinPeerGroup });
export const streamsConfig = (c: AppConfig): StreamsConfig => ({
  exportStallTimeoutMs: c.exportStallTimeoutMs,
  importUploadTimeoutMs: c.importUploadTimeoutMs,
  importConcurrencyPerUser: c.importConcurrencyPerUser,
});

export const jobsConfig = (c: AppConfig): JobsConfig => ({ worker: c.reportWorker, pollSeconds: c.jobPollSeconds, maintenanceSeconds: c.jobMaintenanceSeconds });
export const mailConfig = (c: AppConfig): MailConfig => ({
  smtpUrl: c.smtpUrl,
  from: c.mailFrom,
  publicBaseUrl: c.publicBaseUrl,
  digestCron: c.digestCron,
  retryLimit: c.notifyRetryLimit,
  retryDelaySeconds: c.notifyRetryDelaySeconds,
});
export const webhooksConfig = (c: AppConfig): WebhooksConfig => ({
  allowLoopback: c.webhookAllowLoopback,
  retryLimit: c.webhookRetryLimit,
  retryDelaySeconds: c.webhookRetryDelaySeconds,
  disableAfter: c.webhookDisableAfter,
  timeoutMs: c.webhookTimeoutMs,
});
export const schedulesConfig = (c: AppConfig): SchedulesConfig => ({ tickCron: c.scheduleTickCron });
export const metricsConfig = (c: AppConfig): MetricsConfig => ({ token: c.metricsToken });

/** Nest providers of every slice, derived from the one validated config. */
export function configSliceProviders(c: AppConfig) {
  return [
    { provide: SERVER_CONFIG, useValue: serverConfig(c) },
    { provide: DATABASE_CONFIG, useValue: databaseConfig(c) },
    { provide: AUTH_CONFIG, useValue: authConfig(c) },
    { provide: SEED_CONFIG, useValue: seedConfig(c) },
    { provide: PDF_CONFIG, useValue: pdfConfig(c) },
    { provide: REPORTS_CONFIG, useValue: reportsConfig(c) },
    { provide: STATEMENTS_CONFIG, useValue: statementsConfig(c) },
    { provide: BENCHMARK_CONFIG, useValue: benchmarkConfig(c) },
    { provide: STREAMS_CONFIG, useValue: streamsConfig(c) },
    { provide: JOBS_CONFIG, useValue: jobsConfig(c) },
    { provide: MAIL_CONFIG, useValue: mailConfig(c) },
    { provide: WEBHOOKS_CONFIG, useValue: webhooksConfig(c) },
    { provide: SCHEDULES_CONFIG, useValue: schedulesConfig(c) },
    { provide: METRICS_CONFIG, useValue: metricsConfig(c) },
  ];
}

export const CONFIG_SLICE_TOKENS = [
  SERVER_CONFIG,
  DATABASE_CONFIG,
  AUTH_CONFIG,
  SEED_CONFIG,
  PDF_CONFIG,
  REPORTS_CONFIG,
  STATEMENTS_CONFIG,
  BENCHMARK_CONFIG,
  STREAMS_CONFIG,
  JOBS_CONFIG,
  MAIL_CONFIG,
  WEBHOOKS_CONFIG,
  SCHEDULES_CONFIG,
  METRICS_CONFIG,
];
