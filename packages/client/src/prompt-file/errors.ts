/** A prompt file that cannot be read: `line` is 1-based, counted in the whole file. */
export class PromptFileError extends Error {
  override readonly name = 'PromptFileError';

  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
