import { createHmac } from 'node:crypto';
import type { AppConfig } from '../config/configuration';

export const WEB_CONFIG = Symbol('WEB_CONFIG');

/** What the web front door needs from the configuration. */
export interface WebConfig {
  /** Cookies carry `Secure` (and the session cookie the `__Host-` prefix) in production, where the service is behind HTTPS. */
  secureCookies: boolean;
  /** The CSRF tokens' HMAC key, derived from JWT_SECRET (one secret to rotate; rotating it ends every session too). */
  csrfSecret: string;
  /** A web session lasts as long as the token it carries (JWT_EXPIRES_IN_SECONDS). */
  sessionSeconds: number;
}

export const webConfig = (c: AppConfig): WebConfig => ({
  secureCookies: c.nodeEnv === 'production',
  csrfSecret: createHmac('sha256', c.jwtSecret).update('web-csrf').digest('hex'),
  sessionSeconds: c.jwtExpiresInSeconds,
});

export const SESSION_COOKIE = (secure: boolean): string => (secure ? '__Host-cp_session' : 'cp_session');
export const CSRF_COOKIE = (secure: boolean): string => (secure ? '__Host-cp_csrf' : 'cp_csrf');
/** Before sign-in, a random id ties the sign-in form's CSRF token to this browser (login CSRF). */
export const PRESESSION_COOKIE = (secure: boolean): string => (secure ? '__Host-cp_pre' : 'cp_pre');
