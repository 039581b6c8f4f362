import { ApiError } from '../api.js';
import { stringOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { getPrompt } from '../remote.js';
import { releaseSchema } from '../schemas.js';

export async function commandPublish({ args, out, api }: Context) {
  const slug = args.positionals[0]!;
  const note = stringOption(args, 'note');
  if (!note || !note.trim()) throw new CliError(EXIT.usage, 'galley publish needs --note "…" (what changed, for the release history)');
  const revisionArg = stringOption(args, 'revision');
  if (revisionArg !== undefined && !/^[1-9]\d*$/.test(revisionArg))
    throw new CliError(EXIT.usage, '--revision must be a revision number such as 7');
  const client = api();
  const detail = await getPrompt(client, slug);
  if (!detail) throw new CliError(EXIT.usage, `No prompt "${slug}" in this workspace`);
  const revision = revisionArg ? Number(revisionArg) : detail.head.number;
  try {
    const { release } = await client('POST', `/prompts/${encodeURIComponent(slug)}/releases`, releaseSchema, { revision, note });
    out.line(`Published ${slug} v${release.version} (r${release.revisionNumber}): ${release.note}`);
    return { slug, release };
  } catch (error) {
    const reasons = error instanceof ApiError ? error.body.details?.reasons : undefined;
    if (error instanceof ApiError && Array.isArray(reasons)) {
      throw new CliError(EXIT.refused, `Not published: ${slug} r${revision} cannot be released yet`, reasons.map(String), {
        slug,
        revision,
        reasons,
        code: error.body.code,
      });
    }
    throw error;
  }
}
