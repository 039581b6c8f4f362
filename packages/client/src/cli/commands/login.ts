import { checkUrl, saveCredentials } from '../config.js';
import { createApi } from '../api.js';
import { stringOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { whoami } from '../remote.js';

export async function commandLogin({ args, env, out, userAgent }: Context) {
  const url = stringOption(args, 'url') ?? env.GALLEY_URL;
  const token = stringOption(args, 'token') ?? env.GALLEY_TOKEN;
  if (!url || !token) throw new CliError(EXIT.usage, 'galley login needs --url and --token (or GALLEY_URL and GALLEY_TOKEN)');
  if (!/^gst_/.test(token)) throw new CliError(EXIT.usage, 'The token must be a service token (gst_…), from Settings → Service tokens');
  const credentials = { url: checkUrl(url), token };
  const info = await whoami(createApi(credentials, userAgent));
  const file = saveCredentials(env, credentials);
  out.line(
    `Logged in to ${credentials.url}: workspace ${info.workspace.slug} (${info.workspace.name}), token "${info.token.name}" (${info.token.role}).`,
  );
  out.line(`Saved to ${file}.`);
  return { url: credentials.url, workspace: info.workspace, token: info.token, config: file };
}
