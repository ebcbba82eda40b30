/**
 * Where a webhook may be sent (SSRF guard). Pure: no DNS, no sockets.
 *
 * - `checkTargetUrl`: what the host types in. https only; http and https to loopback (127.0.0.0/8,
 *   ::1, localhost) only when loopback is explicitly allowed (WEBHOOK_ALLOW_LOOPBACK, tests); never
 *   an IP literal of a private, link-local, unique-local, CGNAT, multicast or reserved network; no
 *   user:password in the URL (it would end up in logs).
 * - `checkAddress`: what a host name resolves to at delivery time, checked by the same rules, so a
 *   public-looking name that points inside the network is refused when it is used.
 */

export type AddressClass = 'public' | 'loopback' | 'private';

export type TargetCheck = { ok: true; url: URL } | { ok: false; message: string };

export const MAX_URL_LENGTH = 2000;

function parseIpv4(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  return o.every((x) => x <= 255) ? o : null;
}

/** Eight 16-bit groups of an IPv6 address (brackets stripped), or null. Handles `::` and a trailing dotted IPv4. */
function parseIpv6(s: string): number[] | null {
  let text = s.toLowerCase();
  const pct = text.indexOf('%');
  if (pct >= 0) text = text.slice(0, pct);
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return null;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // a trailing dotted IPv4 (::ffff:127.0.0.1) becomes its two 16-bit groups
    const v4 = parseIpv4(last);
    if (!v4) return null;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (h: string): number[] | null => {
    if (h === '') return [];
    const groups = h.split(':');
    if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
    return groups.map((g) => parseInt(g, 16));
  };
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  if (!head || !rest) return null;
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return null;
    return [...head, ...new Array<number>(fill).fill(0), ...rest];
  }
  return head.length === 8 ? head : null;
}

function classifyIpv4([a, b, c]: number[]): AddressClass {
  if (a === 127) return 'loopback';
  if (a === 0) return 'private'; // "this network"
  if (a === 10) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // CGNAT
  if (a === 169 && b === 254) return 'private'; // link-local (cloud metadata lives here)
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 192 && b === 0 && c === 0) return 'private'; // IETF protocol assignments
  if (a === 198 && (b === 18 || b === 19)) return 'private'; // benchmarking
  if (a >= 224) return 'private'; // multicast, reserved, broadcast
  return 'public';
}

function classifyIpv6(g: number[]): AddressClass {
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && g[7] === 1) return 'loopback'; // ::1
  if (zeroTo(8)) return 'private'; // ::
  if (zeroTo(5) && g[5] === 0xffff) return classifyIpv4([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]); // IPv4-mapped
  if (zeroTo(6)) return 'private'; // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b) return classifyIpv4([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]); // NAT64
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'private'; // link-local fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return 'private'; // multicast
  return 'public';
}

/** The class of an IP literal (v4, or v6 with or without brackets); null when `s` is not an IP address. */
export function classifyAddress(s: string): AddressClass | null {
  const v4 = parseIpv4(s);
  if (v4) return classifyIpv4(v4);
  const bare = s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s;
  const v6 = parseIpv6(bare);
  return v6 ? classifyIpv6(v6) : null;
}

function isLocalhostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/** The class of a URL's host: an IP literal's class, `localhost` names as loopback, any other name (resolved later) as public. */
export function classifyHost(hostname: string): AddressClass {
  if (isLocalhostName(hostname)) return 'loopback';
  return classifyAddress(hostname) ?? 'public';
}

/** Whether a resolved address may be connected to; the reason when not. */
export function checkAddress(address: string, allowLoopback: boolean): { ok: true } | { ok: false; message: string } {
  const cls = classifyAddress(address);
  if (cls === null) return { ok: false, message: `${address} is not an IP address` };
  // the address itself is not named: the message lands in the host's delivery log, and naming it
  // would let a host map the internal network through DNS
  if (cls === 'private') return { ok: false, message: 'the target resolves to a private or reserved address' };
  if (cls === 'loopback' && !allowLoopback) return { ok: false, message: 'the target resolves to a loopback address' };
  return { ok: true };
}

/** Whether a webhook URL may be registered (and, before resolving its name, used). */
export function checkTargetUrl(input: string, allowLoopback: boolean): TargetCheck {
  if (input.length > MAX_URL_LENGTH) return { ok: false, message: `url must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, message: 'url must be an absolute https:// URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'url must be an https:// URL' };
  if (url.username || url.password) return { ok: false, message: 'url must not contain a user name or password' };
  if (!url.hostname) return { ok: false, message: 'url must name a host' };
  const cls = classifyHost(url.hostname);
  if (cls === 'private') return { ok: false, message: 'url must not point to a private, link-local or reserved network address' };
  if (cls === 'loopback') {
    if (!allowLoopback) return { ok: false, message: 'url must not point to this machine (loopback)' };
    return { ok: true, url };
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'url must be an https:// URL (plain http is not allowed)' };
  return { ok: true, url };
}
