/**
 * Signing and verifying webhook requests (docs/webhooks.md). Pure: node:crypto only.
 *
 *   Webhook-Id:        the delivery's id (the same on every retry: receivers dedupe on it)
 *   Webhook-Timestamp: unix seconds when this attempt was signed
 *   Webhook-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The key is the whole secret string as UTF-8 (`whsec_…` included). A signature header may hold
 * several space-separated `v1=` values (room for a later scheme or a rotation overlap); one match
 * is enough. Verification refuses a timestamp more than `toleranceSeconds` away from `now` (either
 * way), so a captured request cannot be replayed later; within the tolerance, receivers dedupe by
 * Webhook-Id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type VerifyFailure = 'bad_signature' | 'timestamp_too_old' | 'malformed';
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** The hex HMAC-SHA256 of `<timestamp>.<body>` with the secret. */
export function sign(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Webhook-Signature header value. */
export function signatureHeader(secret: string, timestamp: number, body: string | Buffer): string {
  return `${SIGNATURE_VERSION}=${sign(secret, timestamp, body)}`;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : headers[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Whether a request was signed with `secret` within `toleranceSeconds` of `now`. `headers` as
 * received (any case); `rawBody` exactly as received, before any JSON parsing.
 */
export function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string | Buffer,
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): VerifyResult {
  const ts = header(headers, 'webhook-timestamp');
  const sig = header(headers, 'webhook-signature');
  if (!ts || !sig || !/^\d{1,12}$/.test(ts.trim())) return { ok: false, reason: 'malformed' };
  const timestamp = Number(ts.trim());
  const candidates = sig
    .split(/[\s,]+/)
    .filter((p) => p.startsWith(`${SIGNATURE_VERSION}=`))
    .map((p) => p.slice(SIGNATURE_VERSION.length + 1))
    .filter((h) => /^[0-9a-f]{64}$/i.test(h));
  if (!candidates.length) return { ok: false, reason: 'malformed' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  const expected = Buffer.from(sign(secret, timestamp, rawBody), 'hex');
  const match = candidates.some((h) => timingSafeEqual(Buffer.from(h.toLowerCase(), 'hex'), expected));
  return match ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
