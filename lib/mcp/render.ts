// Rendering for MCP, with the read API's checks (renderContent): a missing required variable
// or a value of the wrong type is an `invalid` AppError naming the variable, which reaches
// the client as InvalidParams.
import 'server-only';
import type { ServedSnapshot } from '@/lib/data/serving';
import type { Content } from '@/lib/domain/content';
import { renderContent, type ChatMessage, type RenderError } from '@/lib/domain/template';
import { AppError } from '@/lib/errors';

export function invalidVariables(errors: RenderError[]): AppError {
  return new AppError('invalid', errors.map((e) => e.message).join('; '), { details: { errors } });
}

export function renderOrThrow(content: Content, values: Record<string, unknown>): { messages: ChatMessage[]; text: string } {
  const result = renderContent(content, values);
  if (!result.ok) throw invalidVariables(result.errors);
  return { messages: result.messages, text: result.text };
}

/** Which snapshot answered, in the fields /api/v1's render returns beside the messages. */
export function servedFields(snapshot: ServedSnapshot) {
  return {
    version: snapshot.version,
    ...(snapshot.kind === 'revision' && { revision: snapshot.revision }),
    contentHash: snapshot.contentHash,
  };
}
