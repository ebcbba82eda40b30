import { checkAddress, checkTargetUrl, classifyAddress } from './target';

describe('webhook targets (SSRF guard)', () => {
  const ok = (url: string, loopback = false) => checkTargetUrl(url, loopback).ok;

  it('accepts public https URLs', () => {
    expect(ok('https://hooks.example.com/in')).toBe(true);
    expect(ok('https://hooks.example.com:8443/in?x=1')).toBe(true);
    expect(ok('https://8.8.8.8/in')).toBe(true);
    expect(ok('https://[2001:4860:4860::8888]/in')).toBe(true);
  });

  it('refuses plain http, other schemes and junk', () => {
    expect(checkTargetUrl('http://example.com/in', false)).toEqual({ ok: false, message: expect.stringContaining('https') });
    expect(ok('http://example.com/in', true)).toBe(false);
    expect(ok('ftp://example.com/in')).toBe(false);
    expect(ok('javascript:alert(1)')).toBe(false);
    expect(ok('not a url')).toBe(false);
    expect(ok('/relative')).toBe(false);
    expect(ok(`https://example.com/${'a'.repeat(2100)}`)).toBe(false);
  });

  it('refuses credentials in the URL', () => {
    expect(ok('https://user:pw@example.com/in')).toBe(false);
  });

  it('allows loopback (http or https) only when explicitly allowed', () => {
    for (const u of ['http://127.0.0.1:8080/in', 'https://127.3.4.5/in', 'http://[::1]:9/in', 'http://localhost:3000/', 'https://api.localhost/', 'http://LOCALHOST./x']) {
      expect(ok(u, false)).toBe(false);
      expect(ok(u, true)).toBe(true);
    }
  });

  it('refuses private, link-local, unique-local and reserved literals even with loopback allowed', () => {
    for (const u of [
      'https://10.0.0.1/',
      'https://172.16.0.1/',
      'https://172.31.255.255/',
      'https://192.168.1.1/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://224.0.0.1/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[::]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:a9fe:a9fe]/',
      'https://0x0a.0.0.1/', // WHATWG URL normalises odd IPv4 spellings
      'https://167772161/',
    ]) {
      expect(ok(u, true)).toBe(false);
    }
    expect(ok('https://172.32.0.1/')).toBe(true);
    expect(ok('https://[::ffff:127.0.0.1]/', true)).toBe(true);
    expect(ok('https://[::ffff:127.0.0.1]/', false)).toBe(false);
  });

  it('classifies resolved addresses', () => {
    expect(classifyAddress('93.184.216.34')).toBe('public');
    expect(classifyAddress('127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::1')).toBe('loopback');
    expect(classifyAddress('::ffff:192.168.0.1')).toBe('private');
    expect(classifyAddress('fe80::1%eth0')).toBe('private');
    expect(classifyAddress('2606:4700::1111')).toBe('public');
    expect(classifyAddress('example.com')).toBeNull();
    expect(classifyAddress('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(checkAddress('10.1.2.3', true)).toEqual({ ok: false, message: expect.stringContaining('private') });
    expect(checkAddress('127.0.0.1', false).ok).toBe(false);
    expect(checkAddress('127.0.0.1', true).ok).toBe(true);
    expect(checkAddress('1.1.1.1', false).ok).toBe(true);
  });

  it('does not tell which inside address a name resolves to (the delivery log would make DNS an oracle for the host)', () => {
    for (const [address, allow] of [
      ['10.1.2.3', true],
      ['172.20.0.7', false],
      ['fd12:3456::9', true],
      ['127.0.0.5', false],
    ] as const) {
      const r = checkAddress(address, allow);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toContain(address);
    }
  });
});
