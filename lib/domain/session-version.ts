// Sessions are stateless JWTs, so ending one early needs something the server checks on every
// request: the user's session version, copied into the token at sign-in. Bumping the stored
// version (password change, "sign out everywhere", removal by an admin) makes every token
// issued before it stale at once.

/**
 * Whether a token's version is the user's current one. Tokens from before versions existed
 * carry none and count as version 0, so upgrading signs nobody out until the first bump.
 */
export function isSessionCurrent(tokenVersion: unknown, userVersion: number): boolean {
  const version = typeof tokenVersion === 'number' && Number.isInteger(tokenVersion) ? tokenVersion : tokenVersion === undefined ? 0 : NaN;
  return version === userVersion;
}
