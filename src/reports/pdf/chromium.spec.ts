import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_INSTALL_HINT, findChromium } from './chromium';

describe('findChromium', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses PUPPETEER_EXECUTABLE_PATH first when it is an executable file', () => {
    const exe = join(dir, 'my-chrome');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: exe }, { systemPaths: ['/usr/bin/chromium'] })).toEqual({ path: exe });
  });

  it('reports a bad PUPPETEER_EXECUTABLE_PATH instead of silently using another browser', () => {
    const r = findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' });
    expect(r).toEqual({ error: expect.stringContaining('/nonexistent/chrome') });
    const msg = (r as { error: string }).error;
    expect(msg).toContain('PUPPETEER_EXECUTABLE_PATH');
    expect(msg).toContain('apt-get install chromium');
    expect(msg).toContain('npx puppeteer browsers install chrome-headless-shell');
  });

  it('rejects a path that exists but is not executable, and a directory', () => {
    const notExe = join(dir, 'not-exe');
    writeFileSync(notExe, 'x');
    chmodSync(notExe, 0o644);
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: notExe })).toHaveProperty('error');
    expect(findChromium({ PUPPETEER_EXECUTABLE_PATH: dir })).toHaveProperty('error');
  });

  it('falls back to the system paths in order, then puppeteer cache', () => {
    const a = join(dir, 'chromium-a');
    writeFileSync(a, '#!/bin/sh\n');
    chmodSync(a, 0o755);
    expect(findChromium({}, { systemPaths: [join(dir, 'missing'), a], puppeteerPaths: () => [] })).toEqual({ path: a });
    expect(findChromium({}, { systemPaths: [join(dir, 'missing')], puppeteerPaths: () => [a] })).toEqual({ path: a });
  });

  it('explains how to install a browser when none is found', () => {
    const r = findChromium({}, { systemPaths: [join(dir, 'nope')], puppeteerPaths: () => [join(dir, 'cache-nope')] });
    expect(r).toHaveProperty('error');
    const msg = (r as { error: string }).error;
    expect(msg).toContain(CHROMIUM_INSTALL_HINT);
    expect(msg).toContain(join(dir, 'nope'));
  });

  it('finds the real browser on this machine (CI installs chromium)', () => {
    const r = findChromium({});
    if ('error' in r) throw new Error(r.error);
    expect(r.path).toMatch(/\S/);
  });
});
