// Writes a prompt file: YAML front matter (metadata, variables, model settings), then one fenced
// section per block with its body verbatim. The output depends only on the prompt, never on
// the order keys arrived in, so a pull of unchanged content writes the same bytes.
import { Document } from 'yaml';
import type { JsonValue, Variable } from '../types.js';
import { fenceFor, formatHeader } from './fence.js';
import type { ModelSettings, PromptFile } from './types.js';

// No folding (a one-word edit stays a one-line diff), multi-line strings as block literals.
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', indentSeq: true } as const;

export function serializePromptFile(file: PromptFile): string {
  const front = {
    name: file.name,
    description: file.description,
    tags: [...file.tags],
    variables: file.content.variables.map(orderVariable),
    model: orderModel(file.content.model),
  };
  const yaml = new Document(front).toString(YAML_OPTIONS);
  const sections = file.content.blocks.map((block) => {
    const fence = fenceFor(block.body);
    const body = block.body === '' ? '' : `${block.body}\n`;
    return `${formatHeader(fence, block)}\n${body}${fence}\n`;
  });
  return [`---\n${yaml}---\n`, ...sections].join('\n');
}

function orderVariable(v: Variable): Record<string, unknown> {
  return dropUndefined({
    name: v.name,
    type: v.type,
    required: v.required,
    default: v.default === undefined ? undefined : sortKeys(v.default),
    description: v.description,
  });
}

function orderModel(m: ModelSettings): Record<string, unknown> {
  const params = m.params ?? {};
  return dropUndefined({
    provider: m.provider,
    model: m.model,
    temperature: m.temperature,
    maxTokens: m.maxTokens,
    topP: m.topP,
    // `params: {}` is what the server fills in for none, so it is left out and read back as {}.
    params: Object.keys(params).length > 0 ? sortKeys(params) : undefined,
  });
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Object keys sorted as canonical JSON sorts them, at every depth. */
function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key]!)]),
  );
}
