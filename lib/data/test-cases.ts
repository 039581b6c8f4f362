// Test cases of a prompt. They are workspace data, not part of the released content; runs
// (lib/data/evaluation-runs.ts, lib/data/evaluation-service.ts) execute them.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { Assertion } from '@/lib/domain/eval/assertions';
import { parseTestCase, TEST_CASE_LIMITS, type TestCaseInput } from '@/lib/domain/eval/test-case';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';

export type Client = Awaited<ReturnType<typeof db>>;

/** The prompt, if it belongs to the context's workspace (not_found otherwise). No permission check: callers assert theirs. */
export async function promptOf(client: Client, ctx: WorkspaceContext, promptId: string) {
  const prompt = await client.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { id: true, headRevisionId: true },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt;
}

export interface TestCaseDto {
  id: string;
  name: string;
  variables: Record<string, unknown>;
  assertions: Assertion[];
  /** Set when stored assertions no longer validate (edited outside the app); running errors the case. */
  invalid: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const caseSelect = { id: true, name: true, variables: true, assertions: true, createdAt: true, updatedAt: true } as const;

function toCaseDto(row: {
  id: string;
  name: string;
  variables: unknown;
  assertions: unknown;
  createdAt: Date;
  updatedAt: Date;
}): TestCaseDto {
  const parsed = parseTestCase({ name: row.name, variables: row.variables, assertions: row.assertions });
  return {
    ...row,
    variables: parsed.ok ? parsed.value.variables : ((row.variables ?? {}) as Record<string, unknown>),
    assertions: parsed.ok ? parsed.value.assertions : ((Array.isArray(row.assertions) ? row.assertions : []) as Assertion[]),
    invalid: parsed.ok ? null : parsed.message,
  };
}

function validCase(input: TestCaseInput) {
  const parsed = parseTestCase(input);
  if (!parsed.ok) throw new AppError('invalid', parsed.message, { fieldErrors: parsed.fieldErrors });
  return parsed.value;
}

async function assertNameFree(client: Client, promptId: string, name: string, exceptId?: string) {
  const clash = await client.testCase.findFirst({
    where: { promptId, name, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  // Runs are compared case by case by name, so names must be unique within a prompt.
  if (clash)
    throw new AppError('invalid', `A test case named "${name}" already exists`, {
      fieldErrors: { name: [`"${name}" is already used by another test case of this prompt`] },
    });
}

export async function listTestCases(ctx: WorkspaceContext, promptId: string): Promise<TestCaseDto[]> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const rows = await prisma.testCase.findMany({
    where: { promptId: prompt.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: caseSelect,
  });
  return rows.map(toCaseDto);
}

export async function createTestCase(ctx: WorkspaceContext, promptId: string, input: TestCaseInput): Promise<TestCaseDto> {
  assertCan(ctx, 'testcase.edit');
  const data = validCase(input);
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  if ((await prisma.testCase.count({ where: { promptId: prompt.id } })) >= TEST_CASE_LIMITS.maxCasesPerPrompt) {
    throw new AppError('invalid', `A prompt can have at most ${TEST_CASE_LIMITS.maxCasesPerPrompt} test cases`);
  }
  await assertNameFree(prisma, prompt.id, data.name);
  const row = await prisma.testCase.create({
    data: {
      promptId: prompt.id,
      name: data.name,
      variables: data.variables as Prisma.InputJsonValue,
      assertions: data.assertions as Prisma.InputJsonValue,
    },
    select: caseSelect,
  });
  return toCaseDto(row);
}

export async function updateTestCase(
  ctx: WorkspaceContext,
  promptId: string,
  testCaseId: string,
  input: TestCaseInput,
): Promise<TestCaseDto> {
  assertCan(ctx, 'testcase.edit');
  const data = validCase(input);
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const found = await prisma.testCase.findFirst({ where: { id: testCaseId, promptId: prompt.id }, select: { id: true } });
  if (!found) throw new AppError('not_found', 'Test case not found');
  await assertNameFree(prisma, prompt.id, data.name, found.id);
  const row = await prisma.testCase.update({
    where: { id: found.id },
    data: { name: data.name, variables: data.variables as Prisma.InputJsonValue, assertions: data.assertions as Prisma.InputJsonValue },
    select: caseSelect,
  });
  return toCaseDto(row);
}

/** Past results keep their case name; their link to the case is cleared. */
export async function deleteTestCase(ctx: WorkspaceContext, promptId: string, testCaseId: string): Promise<void> {
  assertCan(ctx, 'testcase.edit');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const { count } = await prisma.testCase.deleteMany({ where: { id: testCaseId, promptId: prompt.id } });
  if (count === 0) throw new AppError('not_found', 'Test case not found');
}
