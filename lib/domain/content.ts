import { z } from 'zod';
import { byteLength, canonicalJson } from './canonical';
import { describeType, isJsonValue, type JsonValue } from './json';

export const BLOCK_KINDS = [
  'system',
  'instructions',
  'context',
  'examples',
  'guardrails',
  'output_format',
  'user',
  'assistant',
  'custom',
  'include',
  'placeholder',
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export const blockKindSchema = z.enum(BLOCK_KINDS);

export type ChatRole = 'system' | 'user' | 'assistant';
/** Roles a placeholder's messages may have: the chat roles plus tool results. */
export const MESSAGE_ROLES = ['system', 'user', 'assistant', 'tool'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

// Only user and assistant blocks are turns of the conversation; every other kind
// is guidance for the model, which chat APIs take as system text.
export const BLOCK_ROLES: Record<BlockKind, ChatRole> = {
  system: 'system',
  instructions: 'system',
  context: 'system',
  examples: 'system',
  guardrails: 'system',
  output_format: 'system',
  user: 'user',
  assistant: 'assistant',
  custom: 'system',
  // Never rendered as themselves: an include expands into the included blocks and a
  // placeholder into the messages supplied at render time.
  include: 'system',
  placeholder: 'system',
};

export const BLOCK_KIND_LABELS: Record<BlockKind, string> = {
  system: 'System',
  instructions: 'Instructions',
  context: 'Context',
  examples: 'Examples',
  guardrails: 'Guardrails',
  output_format: 'Output format',
  user: 'User',
  assistant: 'Assistant',
  custom: 'Custom',
  include: 'Include',
  placeholder: 'Placeholder',
};

export const CONTENT_LIMITS = { maxBytes: 262_144, maxBlocks: 200 } as const;

const blockShape = {
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Block id must be 1–64 letters, digits, "_" or "-"' }),
  kind: blockKindSchema,
  title: z.string().max(200, { error: 'Block title must be at most 200 characters' }),
  body: z.string(),
  enabled: z.boolean(),
};

/** A placeholder block stands for messages supplied at render time (conversation history). */
export const placeholderSpecSchema = z.object({
  name: z
    .string()
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: 'Placeholder name must start with a letter or "_" and contain only letters, digits and "_"',
    }),
  required: z.boolean(),
});

/** A block as it is after includes are expanded: never an include itself. */
export const flatBlockSchema = z.object({ ...blockShape, placeholder: placeholderSpecSchema.optional() });

/** "its production release" (resolved when the draft is saved or updated) or one release. */
export const includePinSchema = z.union([z.literal('production'), z.object({ release: z.int().min(1) })]);

/** One edge of the include graph below an include: `fromPromptId`'s release includes `releaseId`. */
export const includeEdgeSchema = z.object({
  fromPromptId: z.string(),
  promptId: z.string(),
  slug: z.string(),
  releaseId: z.string(),
  version: z.int(),
});

/**
 * The concrete release an include stands for, written by the server (never trusted from a
 * client). Its blocks are already expanded, so the schema is not recursive, and `graph`
 * keeps the nested includes for cycle checks, depth and the release's include graph.
 */
export const includeResolutionSchema = z.object({
  promptId: z.string(),
  slug: z.string(),
  name: z.string(),
  releaseId: z.string(),
  version: z.int().min(1),
  contentHash: z.string(),
  blocks: z.array(flatBlockSchema),
  variables: z.lazy(() => z.array(variableSchema)),
  graph: z.array(includeEdgeSchema),
  depth: z.int().min(1),
});

export const includeSpecSchema = z.object({
  promptSlug: z.string().min(1).max(64),
  pin: includePinSchema,
  resolved: includeResolutionSchema.optional(),
});

export const blockSchema = z.object({ ...flatBlockSchema.shape, include: includeSpecSchema.optional() });

export const VARIABLE_TYPES = ['string', 'number', 'boolean', 'json'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];
export const VARIABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `value` is acceptable for a variable of `type`; shared with render-time checks. */
export function matchesVariableType(type: VariableType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'json':
      return isJsonValue(value);
  }
}

export const variableSchema = z
  .object({
    name: z
      .string()
      .max(64, { error: 'Variable name must be at most 64 characters' })
      .regex(VARIABLE_NAME_RE, {
        error: (issue) =>
          `Variable name "${String(issue.input)}" must start with a letter or "_" ` + 'and contain only letters, digits and "_"',
      }),
    type: z.enum(VARIABLE_TYPES),
    required: z.boolean(),
    // Accepts anything here so the refinement below can say which variable and
    // which type is wrong; after it passes, the value is JSON of the right type.
    default: z.custom<JsonValue>().optional(),
    description: z.string().max(500, { error: 'Variable description must be at most 500 characters' }).optional(),
  })
  .superRefine((variable, ctx) => {
    const { name, type, default: value } = variable;
    if (value === undefined || !(VARIABLE_TYPES as readonly unknown[]).includes(type)) return;
    if (matchesVariableType(type, value)) return;
    const expected = type === 'json' ? 'a JSON value' : `a ${type === 'number' ? 'finite number' : type}`;
    ctx.addIssue({
      code: 'custom',
      path: ['default'],
      message: `Default for variable "${String(name)}" must be ${expected} (got ${describeType(value)})`,
    });
  });

/** Any JSON value; named so the read API's OpenAPI document can refer to it by name. */
export const jsonValueSchema = z.json();

export const modelSettingsSchema = z.object({
  provider: z.string().min(1).max(64),
  model: z.string().min(1).max(128),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.int().min(1).max(1_000_000).optional(),
  topP: z.number().min(0).max(1).optional(),
  params: z.record(z.string(), jsonValueSchema).default({}),
});

export const contentSchema = z
  .object({
    blocks: z.array(blockSchema).max(CONTENT_LIMITS.maxBlocks, { error: `A prompt can have at most ${CONTENT_LIMITS.maxBlocks} blocks` }),
    variables: z.array(variableSchema),
    model: modelSettingsSchema,
  })
  .superRefine((content, ctx) => {
    // Refinements still run when fields failed, so values may be of any type here.
    reportDuplicates(ctx, content.blocks, 'blocks', 'id', (id) => `Duplicate block id "${id}"`);
    reportDuplicates(ctx, content.variables, 'variables', 'name', (n) => `Duplicate variable name "${n}"`);
    reportKindFields(ctx, content.blocks);
    let size: number;
    try {
      size = byteLength(canonicalJson(content));
    } catch {
      return; // not serializable, so another issue already explains why
    }
    if (size > CONTENT_LIMITS.maxBytes) {
      const fmt = (n: number) => n.toLocaleString('en-US');
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `Content is ${fmt(size)} bytes, over the limit of ${fmt(CONTENT_LIMITS.maxBytes)} bytes (256 KB)`,
      });
    }
  });

function reportDuplicates(ctx: z.RefinementCtx, items: unknown, field: string, key: string, message: (value: string) => string) {
  if (!Array.isArray(items)) return;
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const value = (item as Record<string, unknown> | null)?.[key];
    if (typeof value !== 'string') return;
    if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [field, index, key], message: message(value) });
    seen.add(value);
  });
}

// An include block carries `include` and a placeholder block `placeholder`; no other kind does.
function reportKindFields(ctx: z.RefinementCtx, blocks: unknown) {
  if (!Array.isArray(blocks)) return;
  const names = new Set<string>();
  blocks.forEach((block: Record<string, unknown> | null, index) => {
    if (!block || typeof block !== 'object') return;
    const at = (field: string) => ['blocks', index, field];
    if ((block.kind === 'include') !== (block.include !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: at('include'),
        message: block.kind === 'include' ? 'Choose the prompt to include' : 'Only an include block names a prompt to include',
      });
    }
    if ((block.kind === 'placeholder') !== (block.placeholder !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: at('placeholder'),
        message: block.kind === 'placeholder' ? 'Name the placeholder' : 'Only a placeholder block has a placeholder name',
      });
    }
    const name = (block.placeholder as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string') {
      if (names.has(name)) ctx.addIssue({ code: 'custom', path: at('placeholder'), message: `Duplicate placeholder "${name}"` });
      names.add(name);
    }
  });
}

export type Block = z.infer<typeof blockSchema>;
export type Variable = z.infer<typeof variableSchema>;
export type ModelSettings = z.infer<typeof modelSettingsSchema>;
export type Content = z.infer<typeof contentSchema>;
export type FlatBlock = z.infer<typeof flatBlockSchema>;
export type IncludePin = z.infer<typeof includePinSchema>;
export type IncludeSpec = z.infer<typeof includeSpecSchema>;
export type IncludeResolution = z.infer<typeof includeResolutionSchema>;
export type IncludeEdge = z.infer<typeof includeEdgeSchema>;
export type PlaceholderSpec = z.infer<typeof placeholderSpecSchema>;
export type ContentInput = z.input<typeof contentSchema>;

export type ContentIssue = { path: string; message: string };
export type ParseContentResult = { ok: true; content: Content } | { ok: false; issues: ContentIssue[] };

export function parseContent(input: unknown): ParseContentResult {
  const result = contentSchema.safeParse(input);
  if (result.success) return { ok: true, content: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}

export function newBlock(kind: BlockKind, id: string = globalThis.crypto.randomUUID()): Block {
  const block: Block = { id, kind, title: BLOCK_KIND_LABELS[kind], body: '', enabled: true };
  if (kind === 'placeholder') block.placeholder = { name: 'history', required: false };
  if (kind === 'include') block.include = { promptSlug: '', pin: 'production' };
  return block;
}

export function emptyContent(): Content {
  return {
    blocks: [newBlock('system'), newBlock('user')],
    variables: [],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.7, params: {} },
  };
}
