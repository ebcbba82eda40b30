import fc from 'fast-check';
import { newSecret, sign, signatureHeader, verify } from './signature';

const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I';
const now = new Date('2026-01-01T12:00:00Z');
const ts = Math.floor(now.getTime() / 1000);
const headersFor = (body: string, timestamp = ts, s = secret) => ({
  'Webhook-Id': 'd1',
  'Webhook-Timestamp': String(timestamp),
  'Webhook-Signature': signatureHeader(s, timestamp, body),
});

describe('webhook signatures', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(6), 'base64url')).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  it('signs "<timestamp>.<body>" with HMAC-SHA256 (a known vector)', () => {
    // printf '1767268800.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_test'
    expect(sign('whsec_test', 1767268800, '{"a":1}')).toBe('92b0e01559c03e7aa16335807711cc7ffb950dc8cf9f1f3a03a18c9519313074');
    expect(sign('whsec_test', 1767268800, Buffer.from('{"a":1}'))).toBe(sign('whsec_test', 1767268800, '{"a":1}'));
    expect(signatureHeader(secret, ts, 'x')).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('verifies what it signed, with headers in any case', () => {
    const body = '{"id":"d1"}';
    expect(verify(secret, headersFor(body), body, now)).toEqual({ ok: true });
    const lower = Object.fromEntries(Object.entries(headersFor(body)).map(([k, v]) => [k.toLowerCase(), v]));
    expect(verify(secret, lower, Buffer.from(body), now)).toEqual({ ok: true });
  });

  it('refuses another secret, a missing or garbled header', () => {
    const body = '{}';
    expect(verify(newSecret(), headersFor(body), body, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify(secret, { 'webhook-timestamp': String(ts) }, body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(secret, { ...headersFor(body), 'Webhook-Timestamp': 'yesterday' }, body, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(secret, { ...headersFor(body), 'Webhook-Signature': 'v0=abc' }, body, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('accepts one matching value among several', () => {
    const body = '{}';
    const h = headersFor(body);
    expect(verify(secret, { ...h, 'Webhook-Signature': `v1=${'0'.repeat(64)} ${h['Webhook-Signature']}` }, body, now)).toEqual({ ok: true });
  });

  it('property: any change of one body byte fails verification', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, delta) => {
        const body = Buffer.from(bytes);
        const h = { 'webhook-timestamp': String(ts), 'webhook-signature': signatureHeader(secret, ts, body) };
        expect(verify(secret, h, body, now)).toEqual({ ok: true });
        const tampered = Buffer.from(body);
        const i = at % tampered.length;
        tampered[i] = (tampered[i] + delta) % 256;
        expect(verify(secret, h, tampered, now)).toEqual({ ok: false, reason: 'bad_signature' });
      }),
    );
  });

  it('property: a timestamp outside the tolerance fails, inside passes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 1, max: 3600 }), (offset, tolerance) => {
        const body = '{"type":"month.closed"}';
        const r = verify(secret, headersFor(body, ts + offset), body, now, tolerance);
        expect(r).toEqual(Math.abs(offset) > tolerance ? { ok: false, reason: 'timestamp_too_old' } : { ok: true });
      }),
    );
  });

  it('a replay of a genuine request after the default tolerance (300 s) fails', () => {
    const body = '{}';
    const h = headersFor(body);
    expect(verify(secret, h, body, new Date(now.getTime() + 300_000))).toEqual({ ok: true });
    expect(verify(secret, h, body, new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: 'timestamp_too_old' });
  });
});
