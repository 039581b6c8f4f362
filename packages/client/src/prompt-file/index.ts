// The git-friendly prompt file format (`<slug>.prompt.md`), as `@galley/client/prompt-file`.
export { PromptFileError } from './errors.js';
export { parsePromptFile, type ParsedPromptFile } from './parse.js';
export { serializePromptFile } from './serialize.js';
export { BLOCK_KINDS, PROMPT_FILE_SUFFIX, VARIABLE_TYPES, type FileContent, type ModelSettings, type PromptFile } from './types.js';
