// The server's field errors pointed into the file: `prompts/x.prompt.md:14: variables.0.name: …`.
import type { ApiError } from './api.js';
import type { LocalPrompt } from './local.js';

export function fieldErrorLines(local: LocalPrompt, error: ApiError): string[] {
  return Object.entries(error.body.fieldErrors ?? {}).flatMap(([field, messages]) => {
    const path = field.replace(/^content\./, '');
    return messages.map((message) => `${local.file}:${local.lineOf(path)}: ${path}: ${message}`);
  });
}
