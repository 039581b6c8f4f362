// Placeholders: blocks that stand for messages supplied at render time (conversation history).
import { z } from 'zod';
import { MESSAGE_ROLES, type Content, type MessageRole } from './content';

export const placeholderMessageSchema = z.object({ role: z.enum(MESSAGE_ROLES), content: z.string() });
export type PlaceholderMessage = { role: MessageRole; content: string };
export type PlaceholderError = { placeholder: string; message: string };
export type CheckPlaceholdersResult =
  { ok: true; values: Record<string, PlaceholderMessage[]> } | { ok: false; errors: PlaceholderError[] };

/**
 * Checks the supplied messages against the content's placeholder blocks: every required one
 * is present, each is a list of { role, content } with a known role. Unknown names are
 * ignored, as unknown variables are.
 */
export function checkPlaceholders(content: Content, given: Record<string, unknown> = {}): CheckPlaceholdersResult {
  const errors: PlaceholderError[] = [];
  const values: Record<string, PlaceholderMessage[]> = Object.create(null);
  for (const block of content.blocks) {
    const spec = block.placeholder;
    if (block.kind !== 'placeholder' || !spec || !block.enabled) continue;
    const supplied = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
    if (supplied === undefined) {
      if (spec.required) errors.push({ placeholder: spec.name, message: `Missing required placeholder "${spec.name}"` });
      values[spec.name] = [];
      continue;
    }
    if (!Array.isArray(supplied)) {
      errors.push({ placeholder: spec.name, message: `Placeholder "${spec.name}" must be a list of messages` });
      continue;
    }
    const messages: PlaceholderMessage[] = [];
    supplied.forEach((item, index) => {
      const parsed = placeholderMessageSchema.safeParse(item);
      if (parsed.success) messages.push(parsed.data);
      else {
        const role = (item as { role?: unknown } | null)?.role;
        errors.push({
          placeholder: spec.name,
          message:
            typeof role === 'string' && !(MESSAGE_ROLES as readonly string[]).includes(role)
              ? `Placeholder "${spec.name}" message ${index + 1} has role "${role}"; use ${MESSAGE_ROLES.join(', ')}`
              : `Placeholder "${spec.name}" message ${index + 1} must be { role, content } with string content`,
        });
      }
    });
    values[spec.name] = messages;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}
