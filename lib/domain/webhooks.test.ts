import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { classifyAddress, webhookUrlProblem } from './webhooks/address';
import { endpointWants, eventEnvelope, slackText } from './webhooks/events';
import { MAX_ATTEMPTS, retryDelayMs, retrySchedule } from './webhooks/retry';
import { newWebhookSecret, signature, signedHeaders, signingSecrets } from './webhooks/signing';
import { randomBytes } from 'node:crypto';

describe('signing', () => {
  it('matches the Standard Webhooks example vector', () => {
    // From the specification's reference implementations.
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('is verified by the standardwebhooks package, with either secret during a rotation', () => {
    const current = newWebhookSecret(randomBytes);
    const previous = newWebhookSecret(randomBytes);
    const body = JSON.stringify({ hello: 'world' });
    const ts = Math.floor(Date.now() / 1000);
    const headers = signedHeaders([current, previous], 'evt_1', ts, body);
    expect(new Webhook(current).verify(body, headers)).toEqual({ hello: 'world' });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ hello: 'world' });
    expect(() => new Webhook(newWebhookSecret(randomBytes)).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(body + ' ', headers)).toThrow();
  });

  it('signs with the previous secret only until its grace period ends', () => {
    const now = new Date('2026-01-02T00:00:00Z');
    const e = { secret: 'a', previousSecret: 'b', previousSecretUntil: new Date('2026-01-02T00:00:01Z') };
    expect(signingSecrets(e, now)).toEqual(['a', 'b']);
    expect(signingSecrets({ ...e, previousSecretUntil: now }, now)).toEqual(['a']);
  });
});

describe('retry schedule', () => {
  it('grows ×4 from the base, caps at 8 h and spans about a day', () => {
    const s = retrySchedule(30_000);
    expect(s.slice(0, 4)).toEqual([30_000, 120_000, 480_000, 1_920_000]);
    expect(Math.max(...s)).toBe(8 * 3_600_000);
    const total = s.reduce((a, b) => a + b, 0) / 3_600_000;
    expect(total).toBeGreaterThan(24);
    expect(total).toBeLessThan(30);
  });

  it('jitters by ±20 % and stops after the last attempt', () => {
    expect(retryDelayMs(1, 1000, () => 0)).toBe(800);
    expect(retryDelayMs(1, 1000, () => 1)).toBe(1200);
    expect(retryDelayMs(2, 1000, () => 0.5)).toBe(4000);
    expect(retryDelayMs(MAX_ATTEMPTS, 1000, () => 0.5)).toBeNull();
  });
});

describe('SSRF classification', () => {
  it.each([
    ['127.0.0.1', 'blocked'],
    ['10.1.2.3', 'blocked'],
    ['172.31.255.255', 'blocked'],
    ['172.32.0.1', 'public'],
    ['192.168.0.1', 'blocked'],
    ['169.254.169.254', 'blocked'],
    ['100.64.0.1', 'blocked'],
    ['0.0.0.0', 'blocked'],
    ['8.8.8.8', 'public'],
    ['::1', 'blocked'],
    ['::', 'blocked'],
    ['fe80::1', 'blocked'],
    ['fd00:ec2::254', 'blocked'],
    ['::ffff:127.0.0.1', 'blocked'],
    ['::ffff:8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['example.com', 'invalid'],
    ['1.2.3', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses bad and private URLs when saving, unless private targets are allowed', () => {
    expect(webhookUrlProblem('not a url', false)).toMatch(/full URL/);
    expect(webhookUrlProblem('ftp://example.com/x', false)).toMatch(/http/);
    expect(webhookUrlProblem('http://127.0.0.1:9/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('http://[::1]/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('http://localhost/x', false)).toMatch(/private/);
    expect(webhookUrlProblem('http://127.0.0.1:9/x', true)).toBeNull();
    expect(webhookUrlProblem('https://hooks.example.com/x', false)).toBeNull();
  });
});

describe('payloads', () => {
  const data = {
    workspace: { id: 'w1', slug: 'team' },
    actor: { id: 'u1', name: 'Ada' },
    prompt: { id: 'p1', slug: 'greeter', name: 'Greeter' },
    release: { version: 3 },
  };
  it('are versioned envelopes naming the workspace, prompt, actor and time', () => {
    const e = eventEnvelope('evt_1', 'release.published', new Date('2026-01-01T00:00:00Z'), data);
    expect(e).toMatchObject({ id: 'evt_1', type: 'release.published', version: 1, timestamp: '2026-01-01T00:00:00.000Z' });
    expect(JSON.stringify(e).length).toBeLessThan(1024);
  });
  it('have a Slack text for the events Slack is sent', () => {
    expect(slackText('release.published', data)).toBe('Ada published *Greeter* v3 in team');
    expect(slackText('canary.changed', data)).toBeNull();
    expect(endpointWants(['release.published', 'canary.changed'], 'slack', 'canary.changed')).toBe(false);
    expect(endpointWants(['release.published'], 'standard', 'draft.saved')).toBe(false);
  });
});
