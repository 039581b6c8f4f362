// A test case (variable values plus assertions) and how one case is judged, without I/O:
// the runner renders, calls the model when needed, and hands the pieces to judgeCase.
import { z } from 'zod';
import type { Content } from '../content';
import { renderContent, type ChatMessage } from '../template';
import { evaluateAssertion, needsModel, type Assertion, type AssertionResult, assertionSchema } from './assertions';

export const TEST_CASE_LIMITS = { maxAssertions: 50, maxCasesPerPrompt: 200 } as const;

export const testCaseSchema = z.object({
  name: z.string().trim().min(1, 'Name the test case').max(200, 'At most 200 characters'),
  variables: z.record(z.string(), z.json()).default({}),
  assertions: z
    .array(assertionSchema)
    .max(TEST_CASE_LIMITS.maxAssertions, `At most ${TEST_CASE_LIMITS.maxAssertions} assertions`)
    .default([]),
});

export type TestCaseInput = z.input<typeof testCaseSchema>;
export type TestCaseData = z.output<typeof testCaseSchema>;

export type FieldErrors = Record<string, string[]>;

/** Zod issues as form field errors, keyed by dotted path ("assertions.0.pattern"). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return out;
}

export type ParseTestCaseResult = { ok: true; value: TestCaseData } | { ok: false; fieldErrors: FieldErrors; message: string };

export function parseTestCase(input: unknown): ParseTestCaseResult {
  const parsed = testCaseSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), message: `${where}${first?.message ?? 'Invalid test case'}` };
}

export type RenderedCase = { ok: true; messages: ChatMessage[]; text: string } | { ok: false; error: string };

/** Renders the content with the case's variable values; errors become one readable line. */
export function renderCase(content: Content, variables: Record<string, unknown>): RenderedCase {
  const rendered = renderContent(content, variables);
  if (rendered.ok) return rendered;
  return { ok: false, error: `The prompt did not render: ${rendered.errors.map((e) => e.message).join('; ')}` };
}

export type CaseStatus = 'passed' | 'failed' | 'errored';

export interface CaseVerdict {
  status: CaseStatus;
  error: string | null;
  assertionResults: AssertionResult[];
}

export interface JudgeInput {
  assertions: Assertion[];
  rendered: RenderedCase;
  /** The model's answer; null when the model was not called or failed. */
  output: string | null;
  /** Why the model gave no answer (provider error, no provider configured). */
  modelError?: string | null;
}

/**
 * Render failures fail the case when it asserts `renders` and error it otherwise (the
 * variables are wrong, not the prompt). A missing model answer errors the case. Assertions
 * that could not be checked are reported as skipped.
 */
export function judgeCase({ assertions, rendered, output, modelError }: JudgeInput): CaseVerdict {
  const renderedText = rendered.ok ? rendered.text : null;
  const assertionResults = assertions.map((a): AssertionResult => {
    if (a.type === 'renders' && !rendered.ok) return { type: a.type, target: a.target, passed: false, message: rendered.error };
    const unavailable = a.target === 'prompt' ? renderedText === null : output === null;
    if (unavailable) {
      const message = !rendered.ok ? 'Not checked: the prompt did not render' : `Not checked: ${modelError ?? 'the model was not called'}`;
      return { type: a.type, target: a.target, passed: false, message, skipped: true };
    }
    return { type: a.type, target: a.target, ...evaluateAssertion(a, { rendered: renderedText, output }) };
  });
  if (!rendered.ok) {
    const assertsRender = assertions.some((a) => a.type === 'renders');
    return { status: assertsRender ? 'failed' : 'errored', error: assertsRender ? null : rendered.error, assertionResults };
  }
  if (needsModel(assertions) && output === null) {
    return { status: 'errored', error: modelError ?? 'The model was not called', assertionResults };
  }
  const failed = assertionResults.some((r) => !r.passed);
  return { status: failed ? 'failed' : 'passed', error: null, assertionResults };
}
