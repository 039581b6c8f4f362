// Data builders for the tests: plain values, no database (DB and tenant set-up lives in
// tests/integration/helpers.ts).
import type { Content, Variable } from '@/lib/domain/content';

/** The model every test prompt names: OpenAI's gpt-4o-mini, no params (and a temperature when given). */
function testModel(temperature?: number): Content['model'] {
  return { provider: 'openai', model: 'gpt-4o-mini', ...(temperature !== undefined && { temperature }), params: {} };
}

/** Content with a single system block `sys` holding `body`. */
export function systemContent(body: string): Content {
  return {
    blocks: [{ id: 'sys', kind: 'system', title: 'System', body, enabled: true }],
    variables: [],
    model: testModel(),
  };
}

export interface UserContentOptions {
  /** The body of a system block `sys` placed before the user block; no system block when absent. */
  system?: string;
  variables?: Variable[];
  temperature?: number;
}

/** Content whose user block `usr` holds `body`, after an optional system block. */
export function userContent(body: string, { system, variables = [], temperature }: UserContentOptions = {}): Content {
  return {
    blocks: [
      ...(system !== undefined ? [{ id: 'sys', kind: 'system' as const, title: 'System', body: system, enabled: true }] : []),
      { id: 'usr', kind: 'user', title: 'User', body, enabled: true },
    ],
    variables,
    model: testModel(temperature),
  };
}
