import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { ConfigError, entropyBits, loadConfig } from './configuration';

describe('loadConfig', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-'));

  it('applies defaults and generates a local JWT secret outside production', () => {
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c.port).toBe(3000);
    expect(c.demoMode).toBe(true);
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(c.jwtSecret);
    expect(c.statementCacheMb).toBe(64);
    expect(loadConfig({ DATA_DIR: dataDir, STATEMENT_CACHE_MB: '0' }).statementCacheMb).toBe(0);
  });

  it('refuses bad values, listing each one', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
    expect(() => loadConfig({ DATA_DIR: dataDir, STATEMENT_CACHE_MB: '-1' })).toThrow(/STATEMENT_CACHE_MB/);
  });

  it('requires JWT_SECRET in production and ADMIN_* together', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'a@b.c' })).toThrow(/together/);
    const c = loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: 'postgres://u:p@h/d', JWT_SECRET: 'q8ZrT3vN1xLw0pYcK5mB7hJ2dG9sF4aE6uR1tV3nX8yW' });
    expect(c.demoMode).toBe(false);
  });
});

describe('entropyBits', () => {
  it('is 0 for one repeated character and about 6 bits a character for random base64', () => {
    expect(entropyBits('x'.repeat(40))).toBe(0);
    expect(entropyBits('q8ZrT3vN1xLw0pYcK5mB7hJ2dG9sF4aE6uR1tV3nX8yW')).toBeGreaterThan(128);
    expect(entropyBits('abababababababababababababababababab')).toBe(36);
  });
});
