// The fuzz spec's cases for the Langfuse-compatible path (/api/public, lib/api/langfuse.ts):
// malformed Basic auth, unknown labels, `%2F` and other non-slugs in names, huge or malformed
// `limit`, `page` and `version`, label with version, writes and unknown paths. Each case names
// the statuses its faults allow; e2e/api-fuzz.spec.ts sends them and judges the answers.

export interface FuzzFault {
  what: string;
  status: number[];
}

export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  faults: FuzzFault[];
}

type Env = 'production' | 'development';
interface AuthVariant {
  what: string;
  headers: Record<string, string>;
  env: Env | null;
  fault?: FuzzFault;
}
interface Variant {
  raw: string;
  fault?: FuzzFault;
}
interface QueryVariant {
  q: string;
  fault: (env: Env | null) => FuzzFault | undefined;
}
const f = (what: string, ...status: number[]): FuzzFault => ({ what, status });
const basic = (credentials: string) => ({ authorization: `Basic ${Buffer.from(credentials).toString('base64')}` });
const PROMPTS = '/api/public/v2/prompts';

function authVariants(prod: string, dev: string, revoked: string): AuthVariant[] {
  const bad = (what: string, headers: Record<string, string>): AuthVariant => ({
    what,
    headers,
    env: null,
    fault: f(`auth: ${what}`, 401),
  });
  return [
    { what: 'Basic, production', headers: basic(`pk-lf-1:${prod}`), env: 'production' },
    { what: 'Bearer, development', headers: { authorization: `Bearer ${dev}` }, env: 'development' },
    bad('none', {}),
    bad('Basic, not base64', { authorization: 'Basic !!!notbase64' }),
    bad('Basic, empty', { authorization: 'Basic ' }),
    bad('Basic, padding only', { authorization: 'Basic ====' }),
    bad('Basic, no colon', basic('no-colon')),
    bad('Basic, empty public key', basic(`:${prod}`)),
    bad('Basic, empty secret', basic('pk-lf-1:')),
    bad('Basic, a Langfuse secret', basic('pk-lf-1:sk-lf-123')),
    bad('Basic, revoked key', basic(`pk-lf-1:${revoked}`)),
    bad('Basic, unknown key', basic(`pk-lf-1:glk_prod_${'Q'.repeat(40)}`)),
    bad('Basic, 4 KB', basic(`pk-lf-1:${'A'.repeat(4000)}`)),
    bad('Basic, key and junk', basic(`pk-lf-1:${prod} junk`)),
  ];
}

function nameVariants(slug: string): Variant[] {
  const missing = (raw: string) => ({ raw, fault: f(`no prompt ${raw.slice(0, 40)}`, 404) });
  return [
    { raw: slug },
    { raw: `%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}` }, // the same slug, percent-encoded
    missing('no-such-prompt'),
    missing(`${slug}%2Fchild`),
    missing('a%2Fb'),
    missing('%2F'),
    missing('..%2F..%2Fetc%2Fpasswd'),
    missing('a'.repeat(65)),
    missing('ABC'),
    missing('caf%C3%A9'),
    missing('%00'),
    missing('a%20b'),
    missing('%3Cscript%3E'),
    { raw: '%ZZ', fault: f('name %ZZ', 400) },
    { raw: '%E0%A4%A', fault: f('name %E0%A4%A', 400) },
  ];
}

function promptQueries(): QueryVariant[] {
  const bad = (q: string) => ({ q, fault: () => f(`query ${q}`, 400) });
  const unknownLabel = (q: string) => ({ q, fault: () => f(`query ${q}`, 404) });
  const forProduction = (q: string, status: number) => ({
    q,
    fault: (env: Env | null) => (env === 'production' ? f(`${q} with a production key`, status) : undefined),
  });
  return [
    { q: '', fault: () => undefined },
    { q: 'label=production', fault: () => undefined },
    { q: 'label=latest', fault: () => undefined },
    { q: 'version=1', fault: () => undefined },
    forProduction('label=staging', 403),
    forProduction('label=development', 403),
    unknownLabel('label=nope'),
    unknownLabel('label='),
    unknownLabel('label=PRODUCTION'),
    unknownLabel('label=production%00'),
    { q: 'version=2147483647', fault: () => f('no such release', 404) },
    ...['version=abc', 'version=1.0', 'version=1e3', 'version=-1', 'version=0', 'version=+1', 'version=01', 'version='].map(bad),
    ...['version=99999999999', 'version=2147483648', 'version=%EF%BC%91', 'version=1&label=production'].map(bad),
    { q: 'version=1&label=nope', fault: () => f('label with version', 400, 404) },
    { q: 'version=abc&label=production', fault: () => f('bad version with a label', 400) },
  ];
}

function listQueries(): QueryVariant[] {
  const bad = (q: string) => ({ q, fault: () => f(`list ${q}`, 400) });
  return [
    { q: '', fault: () => undefined },
    { q: 'limit=100&page=1', fault: () => undefined },
    { q: 'name=%ZZ&tag=', fault: () => undefined },
    { q: 'page=2147483647', fault: () => undefined },
    ...['limit=101', 'limit=99999999999999999999', 'limit=0', 'limit=-1', 'limit=1e2', 'limit=', 'page=0', 'page=abc'].map(bad),
    ...['page=2147483648', 'page=1.5', 'name=%00', 'tag=a%00b'].map(bad),
    { q: 'label=nope', fault: () => f('list label=nope', 404) },
    { q: 'label=development', fault: (env: Env | null) => (env === 'production' ? f('list label=development', 403) : undefined) },
  ];
}

export function langfuseCases(ctx: { slug: string; prod: string; dev: string; revoked: string }): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const auths = authVariants(ctx.prod, ctx.dev, ctx.revoked);
  const [prod, dev] = auths;
  const authFault = (a: AuthVariant) => (a.fault ? [a.fault] : []);

  // One prompt: name × query with the two good keys; every auth on three valid requests.
  for (const n of nameVariants(ctx.slug))
    for (const a of [prod!, dev!])
      for (const q of promptQueries()) {
        const fault = q.fault(a.env);
        cases.push({
          method: 'GET',
          path: `${PROMPTS}/${n.raw}${q.q ? `?${q.q}` : ''}`,
          headers: a.headers,
          faults: [...(n.fault ? [n.fault] : []), ...(fault ? [fault] : [])],
        });
      }
  for (const a of auths)
    for (const path of [`${PROMPTS}/${ctx.slug}`, `${PROMPTS}/${ctx.slug}?version=1`, PROMPTS])
      cases.push({ method: 'GET', path, headers: a.headers, faults: authFault(a) });

  // The list: query × auth.
  for (const a of [prod!, dev!, auths[2]!, auths[3]!])
    for (const q of listQueries()) {
      const fault = q.fault(a.env);
      cases.push({
        method: 'GET',
        path: `${PROMPTS}${q.q ? `?${q.q}` : ''}`,
        headers: a.headers,
        faults: [...authFault(a), ...(fault ? [fault] : [])],
      });
    }

  // Writes are refused before any key is read: 403 whatever the key. HEAD reads like GET.
  const body = Buffer.from('{"name":"x","prompt":"y","type":"text"}');
  for (const path of [PROMPTS, `${PROMPTS}/${ctx.slug}`, `${PROMPTS}/${ctx.slug}/versions/1`, `${PROMPTS}/a%2Fb`])
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
      for (const a of [prod!, auths[2]!])
        cases.push({
          method,
          path,
          headers: { ...a.headers, 'content-type': 'application/json' },
          body,
          faults: [f(`write ${method}`, 403)],
        });
  for (const path of [PROMPTS, `${PROMPTS}/${ctx.slug}`])
    cases.push({ method: 'HEAD', path, headers: prod!.headers, faults: [f('HEAD', 200)] });

  // Paths under /api/public that name no endpoint: a JSON 404, before any key is read.
  const unknown = ['/api/public', '/api/public/', '/api/public/traces', '/api/public/v1/prompts/x', `${PROMPTS}/${ctx.slug}/versions/1`];
  for (const path of [...unknown, `${PROMPTS}x`, '/api/public/%ZZ', `${PROMPTS}/a/b/c`, '/api/public/v2/prompts/../../health'])
    for (const a of [prod!, auths[2]!])
      cases.push({ method: 'GET', path, headers: a.headers, faults: [f(`no endpoint ${path.slice(0, 50)}`, 404)] });
  return cases;
}
