// The read API's shapes (GET /api/v1/prompts/{slug}), written out so the package has no dependencies.

export type Environment = 'development' | 'staging' | 'production';
export type ChatRole = 'system' | 'user' | 'assistant' | 'tool';
export type VariableType = 'string' | 'number' | 'boolean' | 'json';
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Block {
  id: string;
  kind: string;
  title: string;
  body: string;
  enabled: boolean;
  /** A placeholder block: messages passed under `name` at render time are inserted here. */
  placeholder?: { name: string; required: boolean };
  /**
   * An include block: the prompt it includes, its pin, and (from the server) the release it
   * resolved to. Served content has includes expanded, so only drafts and the write API carry it.
   */
  include?: { promptSlug: string; pin: 'production' | { release: number }; resolved?: unknown };
}

export interface Variable {
  name: string;
  type: VariableType;
  required: boolean;
  default?: JsonValue;
  description?: string;
}

export interface PromptContent {
  blocks: Block[];
  variables: Variable[];
  model: { provider: string; model: string; [setting: string]: unknown };
}

/** What the API serves for a prompt. */
export interface ServedPrompt {
  slug: string;
  name: string;
  environment: Environment;
  kind: 'release' | 'revision';
  version: number | null;
  revision?: number;
  canary?: boolean;
  contentHash: string;
  content: PromptContent;
}

/**
 * Where a result came from: `network` (just fetched or revalidated), `cache` (fresh in memory),
 * `stale` (past its TTL, served while a background refresh runs) or `fallback` (the caller's own
 * content, because the API could not be reached and nothing was cached).
 */
export type Source = 'network' | 'cache' | 'stale' | 'fallback';

export interface Prompt extends ServedPrompt {
  source: Exclude<Source, 'fallback'>;
}

/** The caller's fallback, returned when the API is unreachable and nothing is cached. */
export interface FallbackPrompt {
  source: 'fallback';
  slug: string;
  name: string;
  version: null;
  contentHash: null;
  content: PromptContent;
}

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface Rendered {
  messages: ChatMessage[];
  text: string;
  version: number | null;
  revision?: number;
  contentHash: string | null;
  source: Source;
}
