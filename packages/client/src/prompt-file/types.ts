// What one prompt file holds: the prompt's metadata and its content, in the server's shapes.
import type { Block, JsonValue, Variable } from '../types.js';

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

export const VARIABLE_TYPES = ['string', 'number', 'boolean', 'json'] as const;

export interface ModelSettings {
  provider: string;
  model: string;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  params: Record<string, JsonValue>;
}

export interface FileContent {
  blocks: Block[];
  variables: Variable[];
  model: ModelSettings;
}

export interface PromptFile {
  name: string;
  description: string;
  tags: string[];
  content: FileContent;
}

/** The file name of a prompt: `<slug>.prompt.md`. */
export const PROMPT_FILE_SUFFIX = '.prompt.md';
