/** An API error (`status` and the server's `code`), or `status: 0` when the API was not reached. */
export class GalleyError extends Error {
  override readonly name = 'GalleyError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Worth a retry, a stale copy or a fallback: unreachable, timed out, rate limited or a 5xx. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}
