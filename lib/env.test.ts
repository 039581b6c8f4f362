import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

function problem(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(source)} was accepted`);
}

describe('parseEnv', () => {
  it('fills the defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, GALLEY_DATA_DIR: '.data', GALLEY_LOG_LEVEL: 'info', GALLEY_TRUST_PROXY: 'false' });
    expect(env.GALLEY_METRICS_TOKEN).toBeUndefined();
    expect(env.GALLEY_BACKUP_DIR).toBeUndefined();
    expect(env).toMatchObject({ GALLEY_BACKUP_INTERVAL_HOURS: 24, GALLEY_BACKUP_KEEP: 7 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a port number'],
    [{ PORT: '70000' }, 'PORT: must be between 1 and 65535'],
    [{ DATABASE_URL: 'mysql://db/galley' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ GALLEY_DATA_DIR: ' ' }, 'GALLEY_DATA_DIR: must name a directory'],
    [{ GALLEY_SEED: 'yes' }, 'GALLEY_SEED: must be "true" or "false"'],
    [{ GALLEY_TRUST_PROXY: '1' }, 'GALLEY_TRUST_PROXY: must be "true" or "false"'],
    [{ GALLEY_DEMO_PASSWORD: 'short' }, 'GALLEY_DEMO_PASSWORD: must be at least 8 characters'],
    [{ GALLEY_API_RATE_LIMIT: '-1' }, 'GALLEY_API_RATE_LIMIT: must be 0 (no limit) or more'],
    [{ GALLEY_LOG_LEVEL: 'verbose' }, 'GALLEY_LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ GALLEY_BACKUP_INTERVAL_HOURS: '0' }, 'GALLEY_BACKUP_INTERVAL_HOURS: must be a number of hours above 0'],
    [{ GALLEY_BACKUP_INTERVAL_HOURS: 'daily' }, 'GALLEY_BACKUP_INTERVAL_HOURS: must be a number of hours'],
    [{ GALLEY_BACKUP_KEEP: '0' }, 'GALLEY_BACKUP_KEEP: must be 1 or more'],
    [{ GALLEY_BACKUP_KEEP: '2.5' }, 'GALLEY_BACKUP_KEEP: must be a whole number'],
    [{ GALLEY_METRICS_TOKEN: 'too-short' }, 'GALLEY_METRICS_TOKEN: must be at least 16 characters, without spaces'],
    [{ GALLEY_METRICS_TOKEN: 'sixteen chars with spaces' }, 'GALLEY_METRICS_TOKEN: must be at least 16 characters'],
    [{ NEXTAUTH_URL: 'galley.example.com' }, 'NEXTAUTH_URL: must be an absolute http:// or https:// URL'],
    [{ OIDC_ISSUER: 'accounts.example.com' }, 'OIDC_ISSUER: must be an absolute http:// or https:// URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be development, production or test'],
  ])('names the variable of an invalid value: %o', (source, message) => {
    expect(problem(source)).toContain(message);
  });

  it('names every invalid variable at once', () => {
    const message = problem({ PORT: '0', GALLEY_LOG_LEVEL: 'loud' });
    expect(message).toMatch(/^Invalid environment configuration:/);
    expect(message).toContain('PORT:');
    expect(message).toContain('GALLEY_LOG_LEVEL:');
  });

  it('accepts what the README documents', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgresql://galley@db/galley',
      GALLEY_LOG_LEVEL: 'warn',
      GALLEY_METRICS_TOKEN: 'a-long-scrape-token-0123',
      NEXTAUTH_URL: 'https://galley.example.com',
      GALLEY_TRUST_PROXY: 'true',
    });
    expect(env).toMatchObject({ PORT: 8080, GALLEY_LOG_LEVEL: 'warn', GALLEY_METRICS_TOKEN: 'a-long-scrape-token-0123' });
  });
});
