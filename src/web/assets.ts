/**
 * Static assets of the web pages, at versioned paths served with a year's cache (`immutable`): a new
 * release changes the path, so browsers never hold a stale file.
 *
 *   /assets/nhsuk-frontend/<version>/…   the NHS design system's compiled CSS, JavaScript and images,
 *                                        from node_modules (no Sass build)
 *   /assets/app/<hash>/…                 this service's own small CSS and JavaScript (public/; app.js
 *                                        imports the design system's module by its versioned path)
 *
 * The design system's CSS is served with two changes made once at start-up: its `@font-face` rules
 * are dropped, because they load Frutiger from assets.nhs.uk, whose licence covers the nhs.uk domain
 * only (the service manual says services elsewhere use Arial, the CSS's own fallback), and which a
 * Content-Security-Policy of 'self' and an offline machine would refuse; and its image URLs point at
 * the versioned path. Text assets are compressed once at start-up (brotli, gzip) and sent in the
 * best encoding the browser accepts: the design system's CSS is 270 KB as it ships, about 35 KB on
 * the wire.
 */
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { findTemplatesDir } from '../reports/templates';

export interface AssetPaths {
  css: string;
  js: string;
  images: string;
  appCss: string;
  appJs: string;
}

const YEAR = 365 * 24 * 3600;

function nhsukDist(): { dir: string; version: string } {
  const pkg = require.resolve('nhsuk-frontend/package.json');
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  return { dir: join(dirname(pkg), 'dist', 'nhsuk'), version };
}

/** The design system's CSS without its web fonts, its images at `imagesPath`. Pure. */
export function localiseNhsukCss(css: string, imagesPath: string): string {
  return css.replace(/@font-face\{[^}]*\}/g, '').replace(/url\(\/assets\/images\//g, `url(${imagesPath}/`);
}

function immutable(res: Response): void {
  res.setHeader('Cache-Control', `public, max-age=${YEAR}, immutable`);
}

/** The assets read once: their paths for the pages and what is served at them. */
export interface WebAssets {
  paths: AssetPaths;
  nhsukDir: string;
  css: string;
  js: string;
  appCss: string;
  appJs: string;
}

interface Encoded {
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

function encode(type: string, text: string): Encoded {
  const raw = Buffer.from(text, 'utf8');
  return { type, raw, br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(raw, { level: 9 }) };
}

/** The body to send for an Accept-Encoding header: brotli, else gzip, else as it is. */
export function pickEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((x) => x.trim().split(';'))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => name.toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

export function loadWebAssets(): WebAssets {
  const nhsuk = nhsukDist();
  const base = `/assets/nhsuk-frontend/${nhsuk.version}`;
  const css = localiseNhsukCss(readFileSync(join(nhsuk.dir, 'nhsuk-frontend.min.css'), 'utf8'), `${base}/images`);
  const publicDir = join(dirname(findTemplatesDir()), 'public');
  const appCss = readFileSync(join(publicDir, 'app.css'), 'utf8');
  const appJs = readFileSync(join(publicDir, 'app.js'), 'utf8').replace('__NHSUK_JS__', `${base}/nhsuk-frontend.min.js`);
  const hash = createHash('sha256').update(appCss).update(appJs).digest('hex').slice(0, 12);
  const appBase = `/assets/app/${hash}`;
  return {
    paths: { css: `${base}/nhsuk-frontend.min.css`, js: `${base}/nhsuk-frontend.min.js`, images: `${base}/images`, appCss: `${appBase}/app.css`, appJs: `${appBase}/app.js` },
    nhsukDir: nhsuk.dir,
    css,
    js: readFileSync(join(nhsuk.dir, 'nhsuk-frontend.min.js'), 'utf8'),
    appCss,
    appJs,
  };
}

/** Serves the assets at their versioned paths, cached for a year. */
export function mountWebAssets(app: Express, a: WebAssets): void {
  const text = (type: string, body: string) => {
    const e = encode(type, body);
    return (req: Request, res: Response) => {
      immutable(res);
      res.setHeader('Vary', 'Accept-Encoding');
      const enc = pickEncoding(req.headers['accept-encoding']);
      if (enc) res.setHeader('Content-Encoding', enc);
      res.type(e.type).send(enc ? e[enc] : e.raw);
    };
  };
  app.get(a.paths.css, text('text/css', a.css));
  app.get(a.paths.js, text('text/javascript', a.js));
  app.get(a.paths.appCss, text('text/css', a.appCss));
  app.get(a.paths.appJs, text('text/javascript', a.appJs));
  app.use(a.paths.images, express.static(join(a.nhsukDir, 'assets', 'images'), { immutable: true, maxAge: YEAR * 1000, index: false, fallthrough: false }));
}
