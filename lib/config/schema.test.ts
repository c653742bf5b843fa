import { describe, expect, it } from 'vitest';
import { parseEnv, parseEnvPart } from './schema';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
  AUTH_SECRET: 'x'.repeat(40),
  BATON_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  PUSHER_APP_ID: '1',
  PUSHER_KEY: 'key',
  PUSHER_SECRET: 'secret',
};

describe('parseEnv', () => {
  it('accepts a complete environment and applies defaults', () => {
    const env = parseEnv({ ...valid, PUSHER_PORT: '6001', PUSHER_USE_TLS: 'false' });
    expect(env.PUSHER_PORT).toBe(6001);
    expect(env.PUSHER_USE_TLS).toBe(false);
    expect(env.PUSHER_CLUSTER).toBe('mt1');
    expect(env.META_GRAPH_URL).toMatch(/^https:\/\/graph\.facebook\.com\//);
  });

  it('names every missing or bad variable in one message', () => {
    const { DATABASE_URL: _omit, ...rest } = valid;
    let message = '';
    try {
      parseEnv({ ...rest, BATON_ENCRYPTION_KEY: 'short', PUSHER_PORT: 'abc' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL: is missing');
    expect(message).toContain('BATON_ENCRYPTION_KEY: must be 32 bytes');
    expect(message).toContain('PUSHER_PORT');
  });
});

describe('BATON_FETCH_ALLOW_HOSTS', () => {
  it('is empty unless set, and takes a comma-separated host:port list', () => {
    expect(parseEnv(valid).BATON_FETCH_ALLOW_HOSTS).toEqual([]);
    expect(parseEnv({ ...valid, BATON_FETCH_ALLOW_HOSTS: '127.0.0.1:4010, Localhost:4011,[::1]:80' }).BATON_FETCH_ALLOW_HOSTS).toEqual([
      '127.0.0.1:4010',
      'localhost:4011',
      '[::1]:80',
    ]);
  });

  it('refuses an entry without a port', () => {
    expect(() => parseEnv({ ...valid, BATON_FETCH_ALLOW_HOSTS: '127.0.0.1' })).toThrow(/BATON_FETCH_ALLOW_HOSTS/);
  });
});

describe('process wiring', () => {
  it('has one default for each switch, the same for the launcher and the app', () => {
    const env = parseEnv(valid);
    expect(env.BATON_INGEST_MODE).toBe('worker');
    expect(env.BATON_BACKGROUND).toBe('on');
    expect(env.BATON_DEMO_PLATFORMS).toBe('off');
    expect(env.BATON_INGEST_CONCURRENCY).toBe(8);
    expect(env.BATON_WORKER_CONCURRENCY).toBe(32);
    expect(env.BATON_WEB_PROCESSES).toBe(1);
    expect(() => parseEnvPart({ BATON_WEB_PROCESSES: '0' }, ['BATON_WEB_PROCESSES'])).toThrow(/BATON_WEB_PROCESSES/);
    expect(parseEnvPart({}, ['BATON_INGEST_MODE', 'PORT', 'NEXT_DIST_DIR'])).toEqual({ BATON_INGEST_MODE: 'worker', PORT: 3000, NEXT_DIST_DIR: '.next' });
  });

  it('reads only the variables asked for, naming a bad one', () => {
    expect(parseEnvPart({ DATABASE_URL: 'postgres://x/y' }, ['DATABASE_URL'])).toEqual({ DATABASE_URL: 'postgres://x/y' });
    expect(() => parseEnvPart({ BATON_INGEST_MODE: 'sometimes' }, ['BATON_INGEST_MODE'])).toThrow(/BATON_INGEST_MODE/);
    expect(() => parseEnvPart({}, ['DATABASE_URL'])).toThrow(/DATABASE_URL: is missing/);
  });
});

describe('VAPID keys', () => {
  const publicKey = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';
  const privateKey = 'T6uqkVGbxJ3r1YLBZmsfiL9T5E6VPwnvCmmqiXOUpM8';

  it('are optional (no push without them) and checked for shape when set', () => {
    expect(parseEnv(valid).VAPID_PUBLIC_KEY).toBeUndefined();
    const env = parseEnv({ ...valid, VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey });
    expect(env).toMatchObject({ VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: 'mailto:push@baton.invalid' });
    expect(() => parseEnv({ ...valid, VAPID_PUBLIC_KEY: 'abc' })).toThrow(/VAPID_PUBLIC_KEY: must be a 65-byte P-256 public key/);
    expect(() => parseEnv({ ...valid, VAPID_SUBJECT: 'ops@shop.example' })).toThrow(/VAPID_SUBJECT: must start with mailto: or https:\/\//);
  });
});
