import { describe, expect, it } from 'vitest';
import type { Content } from '../content';
import type { Assertion } from './assertions';
import { judgeCase, parseTestCase, renderCase } from './test-case';

const content: Content = {
  blocks: [
    { id: 'sys', kind: 'system', title: 'System', body: 'Be brief.', enabled: true },
    { id: 'usr', kind: 'user', title: 'User', body: 'Tell me about {{topic}}', enabled: true },
  ],
  variables: [{ name: 'topic', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', params: {} },
};

const renders: Assertion = { type: 'renders', target: 'prompt' };
const promptHas = (value: string): Assertion => ({ type: 'contains', target: 'prompt', value });
const outputHas = (value: string): Assertion => ({ type: 'contains', target: 'output', value });

describe('parseTestCase', () => {
  it('defaults variables and assertions and trims the name', () => {
    expect(parseTestCase({ name: '  a ' })).toEqual({ ok: true, value: { name: 'a', variables: {}, assertions: [] } });
  });

  it('gives field errors keyed by the assertion path', () => {
    const result = parseTestCase({ name: '', assertions: [renders, { type: 'regex', target: 'output', pattern: '[' }] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['assertions.1.pattern', 'name']);
    expect(result.fieldErrors['assertions.1.pattern']![0]).toMatch(/Invalid regular expression/);
  });

  it('refuses variable values that are not JSON', () => {
    expect(parseTestCase({ name: 'a', variables: { x: undefined, y: () => 1 } }).ok).toBe(false);
  });
});

describe('renderCase', () => {
  it('renders with the case variables', () => {
    expect(renderCase(content, { topic: 'cats' })).toMatchObject({ ok: true, text: 'Be brief.\n\nTell me about cats' });
  });

  it('names the missing variable', () => {
    expect(renderCase(content, {})).toEqual({ ok: false, error: 'The prompt did not render: Missing required variable "topic"' });
  });
});

describe('judgeCase', () => {
  const ok = renderCase(content, { topic: 'cats' });
  const broken = renderCase(content, {});

  it('passes when every assertion passes', () => {
    const verdict = judgeCase({ assertions: [renders, promptHas('cats'), outputHas('meow')], rendered: ok, output: 'meow' });
    expect(verdict.status).toBe('passed');
    expect(verdict.assertionResults.map((r) => r.passed)).toEqual([true, true, true]);
  });

  it('fails when any assertion fails, and says which', () => {
    const verdict = judgeCase({ assertions: [promptHas('dogs'), outputHas('meow')], rendered: ok, output: 'meow' });
    expect(verdict).toMatchObject({ status: 'failed', error: null });
    expect(verdict.assertionResults[0]).toMatchObject({ passed: false, message: 'The prompt does not contain "dogs"' });
  });

  it('fails a render error when the case asserts renders, and skips the rest', () => {
    const verdict = judgeCase({ assertions: [renders, outputHas('x')], rendered: broken, output: null });
    expect(verdict.status).toBe('failed');
    expect(verdict.assertionResults[0]).toMatchObject({
      passed: false,
      message: expect.stringMatching(/Missing required variable "topic"/),
    });
    expect(verdict.assertionResults[1]).toMatchObject({ skipped: true, message: 'Not checked: the prompt did not render' });
  });

  it('errors a render error without a renders assertion, with the message', () => {
    expect(judgeCase({ assertions: [promptHas('x')], rendered: broken, output: null })).toMatchObject({
      status: 'errored',
      error: 'The prompt did not render: Missing required variable "topic"',
    });
  });

  it('errors when the model gave no answer, still checking the prompt assertions', () => {
    const verdict = judgeCase({
      assertions: [promptHas('cats'), outputHas('x')],
      rendered: ok,
      output: null,
      modelError: 'provider answered 500: boom',
    });
    expect(verdict).toMatchObject({ status: 'errored', error: 'provider answered 500: boom' });
    expect(verdict.assertionResults[0]!.passed).toBe(true);
    expect(verdict.assertionResults[1]).toMatchObject({ skipped: true, message: 'Not checked: provider answered 500: boom' });
  });
});
