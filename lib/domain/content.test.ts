import { describe, expect, it } from 'vitest';
import {
  BLOCK_KINDS,
  BLOCK_ROLES,
  CONTENT_LIMITS,
  type ContentInput,
  contentSchema,
  emptyContent,
  modelSettingsSchema,
  newBlock,
  parseContent,
  variableSchema,
} from './content';

function validInput(): ContentInput {
  return {
    blocks: [
      { id: 'sys', kind: 'system', title: 'System', body: 'You are {{ persona }}.', enabled: true },
      { id: 'u-1', kind: 'user', title: 'User', body: '{{question}}', enabled: true },
    ],
    variables: [
      { name: 'persona', type: 'string', required: false, default: 'helpful' },
      { name: 'question', type: 'string', required: true, description: 'What the user asks' },
    ],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2, maxTokens: 512, topP: 1, params: { seed: 7 } },
  };
}

function issuesOf(input: unknown) {
  const result = parseContent(input);
  if (result.ok) throw new Error('expected parseContent to fail');
  return result.issues;
}

describe('parseContent', () => {
  it('accepts valid content and returns it', () => {
    const result = parseContent(validInput());
    expect(result).toEqual({ ok: true, content: validInput() });
  });

  it('defaults model params to an empty object', () => {
    const input = validInput();
    delete input.model.params;
    const result = parseContent(input);
    expect(result.ok && result.content.model.params).toEqual({});
  });

  it('strips unknown keys so they cannot leak into the hash', () => {
    const input = { ...validInput(), extra: 1 };
    const result = parseContent(input);
    expect(result.ok && 'extra' in result.content).toBe(false);
  });

  it('reports dotted paths to the offending field', () => {
    const input = validInput();
    input.blocks[1].title = 'x'.repeat(201);
    input.variables[0].name = '1bad';
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toEqual(['blocks.1.title', 'variables.0.name']);
    expect(issues[1].message).toContain('"1bad"');
  });

  it('rejects block ids with disallowed characters or length', () => {
    for (const id of ['', 'has space', 'dot.ted', 'x'.repeat(65)]) {
      const input = validInput();
      input.blocks[0].id = id;
      expect(issuesOf(input)[0].path, id).toBe('blocks.0.id');
    }
    const input = validInput();
    input.blocks[0].id = 'A_z-09'.padEnd(64, 'x');
    expect(parseContent(input).ok).toBe(true);
  });

  it('rejects unknown block kinds', () => {
    const input = validInput() as { blocks: { kind: string }[] };
    input.blocks[0].kind = 'tool';
    expect(issuesOf(input)[0].path).toBe('blocks.0.kind');
  });

  it('rejects duplicate block ids at the later duplicate', () => {
    const input = validInput();
    input.blocks[1].id = 'sys';
    expect(issuesOf(input)).toEqual([{ path: 'blocks.1.id', message: 'Duplicate block id "sys"' }]);
  });

  it('rejects duplicate variable names', () => {
    const input = validInput();
    input.variables[1].name = 'persona';
    expect(issuesOf(input)).toEqual([{ path: 'variables.1.name', message: 'Duplicate variable name "persona"' }]);
  });

  it('allows exactly the maximum number of blocks, not one more', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => newBlock('context', `b${i}`));
    expect(parseContent({ ...validInput(), blocks: blocks(CONTENT_LIMITS.maxBlocks) }).ok).toBe(true);
    const issues = issuesOf({ ...validInput(), blocks: blocks(CONTENT_LIMITS.maxBlocks + 1) });
    expect(issues).toEqual([{ path: 'blocks', message: 'A prompt can have at most 200 blocks' }]);
  });

  it('rejects content over 256 KB of canonical JSON and says the size and the limit', () => {
    const input = validInput();
    input.blocks[0].body = 'x'.repeat(CONTENT_LIMITS.maxBytes);
    const issues = issuesOf(input);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('');
    expect(issues[0].message).toMatch(/^Content is 262,\d{3} bytes, over the limit of 262,144 bytes/);
  });

  it('measures the size limit in UTF-8 bytes', () => {
    const input = validInput();
    // 100k three-byte characters: under the limit in characters, over it in bytes.
    input.blocks[0].body = '€'.repeat(100_000);
    expect(issuesOf(input)[0].message).toMatch(/^Content is 300,\d{3} bytes/);
  });

  it('rejects a non-object', () => {
    expect(parseContent(null).ok).toBe(false);
    expect(parseContent('{}').ok).toBe(false);
  });
});

describe('variableSchema', () => {
  const base = { name: 'count', required: false };

  it.each([
    ['string', 'text'],
    ['number', 3.5],
    ['boolean', false],
    ['json', { a: [1, null] }],
    ['json', 'a json string'],
  ])('accepts a %s default of the right type', (type, value) => {
    expect(variableSchema.safeParse({ ...base, type, default: value }).success).toBe(true);
  });

  it.each([
    ['string', 3, 'a string (got number)'],
    ['number', '3', 'a finite number (got string)'],
    ['number', Infinity, 'a finite number (got Infinity)'],
    ['boolean', 'true', 'a boolean (got string)'],
    ['json', new Date(0), 'a JSON value (got object)'],
    ['json', NaN, 'a JSON value (got NaN)'],
  ])('rejects a %s default of %s with a message naming the variable', (type, value, expected) => {
    const result = contentSchema.safeParse({ ...validInput(), variables: [{ ...base, type, default: value }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['variables', 0, 'default'],
        message: `Default for variable "count" must be ${expected}`,
      }),
    ]);
  });

  it('allows no default at all', () => {
    expect(variableSchema.safeParse({ ...base, type: 'number' }).success).toBe(true);
  });

  it('enforces the name pattern and length', () => {
    for (const name of ['_ok', 'a1', 'A_b']) {
      expect(variableSchema.safeParse({ ...base, type: 'string', name }).success, name).toBe(true);
    }
    for (const name of ['', '1a', 'a-b', 'a b', 'x'.repeat(65)]) {
      expect(variableSchema.safeParse({ ...base, type: 'string', name }).success, name).toBe(false);
    }
  });

  it('limits descriptions to 500 characters', () => {
    const ok = variableSchema.safeParse({ ...base, type: 'string', description: 'd'.repeat(500) });
    const tooLong = variableSchema.safeParse({ ...base, type: 'string', description: 'd'.repeat(501) });
    expect([ok.success, tooLong.success]).toEqual([true, false]);
  });
});

describe('modelSettingsSchema', () => {
  const base = { provider: 'anthropic', model: 'claude' };

  it.each([
    [{ temperature: -0.1 }, 'temperature'],
    [{ temperature: 2.01 }, 'temperature'],
    [{ topP: 1.5 }, 'topP'],
    [{ maxTokens: 0 }, 'maxTokens'],
    [{ maxTokens: 1.5 }, 'maxTokens'],
    [{ maxTokens: 1_000_001 }, 'maxTokens'],
    [{ provider: '' }, 'provider'],
    [{ model: 'm'.repeat(129) }, 'model'],
    [{ params: { bad: NaN } }, 'params'],
  ])('rejects %o at %s', (patch, field) => {
    const result = modelSettingsSchema.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(field);
  });

  it('accepts the bounds themselves and nested JSON params', () => {
    const params = { stop: ['\n'], x: { y: null } };
    const settings = { ...base, temperature: 2, topP: 0, maxTokens: 1_000_000, params };
    expect(modelSettingsSchema.parse(settings)).toEqual(settings);
  });
});

describe('emptyContent', () => {
  it('is valid content with a system and a user block and distinct ids', () => {
    const content = emptyContent();
    expect(parseContent(content)).toEqual({ ok: true, content });
    expect(content.blocks.map((b) => b.kind)).toEqual(['system', 'user']);
    expect(content.blocks[0].id).not.toBe(content.blocks[1].id);
    expect(content.model).toEqual({ provider: 'openai', model: 'gpt-4o-mini', temperature: 0.7, params: {} });
  });

  it('returns a fresh object each time', () => {
    const a = emptyContent();
    a.variables.push({ name: 'x', type: 'string', required: true });
    expect(emptyContent().variables).toEqual([]);
  });
});

describe('newBlock', () => {
  it('uses the id given', () => {
    expect(newBlock('guardrails', 'g1')).toEqual({
      id: 'g1',
      kind: 'guardrails',
      title: 'Guardrails',
      body: '',
      enabled: true,
    });
  });

  it('titles blocks from their kind', () => {
    expect(newBlock('output_format').title).toBe('Output format');
  });

  it('generates random ids that pass the block schema', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newBlock('custom').id));
    expect(ids.size).toBe(50);
    // An include block is only valid once a prompt is chosen (the editor asks first).
    for (const kind of BLOCK_KINDS.filter((k) => k !== 'include'))
      expect(parseContent({ ...validInput(), blocks: [newBlock(kind)] }).ok).toBe(true);
  });
});

describe('BLOCK_ROLES', () => {
  it('maps only user and assistant blocks to conversation turns', () => {
    const nonSystem = BLOCK_KINDS.filter((kind) => BLOCK_ROLES[kind] !== 'system');
    expect(nonSystem.map((kind) => [kind, BLOCK_ROLES[kind]])).toEqual([
      ['user', 'user'],
      ['assistant', 'assistant'],
    ]);
  });
});
