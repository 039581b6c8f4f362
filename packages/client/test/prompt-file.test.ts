// The prompt file format against the server's own content model: whatever the server can hold
// must survive serialize → parse with an equal content hash, and the bytes must be stable.
import { describe, expect, it } from 'vitest';
import { BLOCK_KINDS as DOMAIN_KINDS, contentSchema, VARIABLE_TYPES as DOMAIN_TYPES, type ContentInput } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import {
  BLOCK_KINDS,
  parsePromptFile,
  PromptFileError,
  serializePromptFile,
  VARIABLE_TYPES,
  type PromptFile,
} from '../src/prompt-file/index.js';

// Bodies chosen to break naive formats: fences, front-matter lines, headings, HTML comments,
// trailing whitespace, CRLF, bare newlines, backtick runs longer than the default fence.
const NASTY_BODIES = [
  '',
  '\n',
  '\n\n\n',
  'one line',
  'trailing newline\n',
  'trailing spaces   \n\t',
  '---\nname: not front matter\n---',
  '# Heading\n\n## Another\n',
  '```\ncode\n```',
  '````block kind=system id=x enabled=true title=""\n````',
  'inline `tick` and ``double`` and ```````seven',
  '<!-- galley:block -->\n<!-- /galley:block -->',
  'windows\r\nline endings\r\n',
  '  leading indentation\n    deeper',
  'unicode: héllo — 日本語 🎉 {{name}} \\{{escaped}}',
  '\u0000 nul and \u2028 separator',
];
const NASTY_STRINGS = [
  '',
  ' ',
  'true',
  'null',
  '123',
  '1e3',
  '- dash',
  'key: value',
  '#hash',
  "it's",
  '"quoted"',
  'a`b',
  'multi\nline',
  ' padded ',
  '---',
  '\ttab',
  '~',
];

/** A small deterministic PRNG, so a failure is reproducible from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomContent(seed: number): { input: ContentInput; meta: Omit<PromptFile, 'content'> } {
  const r = rng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  const blocks = Array.from({ length: Math.floor(r() * 6) }, (_, i) => {
    const kind = pick(DOMAIN_KINDS);
    return {
      id: `b${i}-${Math.floor(r() * 1000)}`,
      kind,
      title: pick(NASTY_STRINGS).replace(/\n/g, ' ').slice(0, 200),
      body: Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(NASTY_BODIES)).join(pick(['', '\n', '\n\n'])),
      enabled: r() > 0.3,
      ...(kind === 'include' && {
        include: {
          promptSlug: pick(['tone-guide', 'a', 'x-1']),
          pin: r() > 0.5 ? ('production' as const) : { release: 1 + Math.floor(r() * 40) },
        },
      }),
      ...(kind === 'placeholder' && { placeholder: { name: `history_${i}`, required: r() > 0.5 } }),
    };
  });
  const jsonValues = [0, -1.5, 1e21, true, null, 'x', pick(NASTY_STRINGS), [1, 'two', { b: 2, a: [null] }], { z: { y: 'deep' }, a: 1 }];
  const variables = Array.from({ length: Math.floor(r() * 4) }, (_, i) => {
    const type = pick(DOMAIN_TYPES);
    const def = { string: pick(NASTY_STRINGS), number: pick([0, 3, -2.25, 1e-7]), boolean: r() > 0.5, json: pick(jsonValues) }[type];
    return {
      name: `var_${i}`,
      type,
      required: r() > 0.5,
      ...(r() > 0.5 ? { default: def } : {}),
      ...(r() > 0.5 ? { description: pick(NASTY_STRINGS) } : {}),
    };
  });
  const model = {
    provider: pick(['openai', 'anthropic']),
    model: pick(['gpt-4o-mini', 'claude-x', '1.5']),
    ...(r() > 0.3 ? { temperature: pick([0, 0.7, 1, 2]) } : {}),
    ...(r() > 0.5 ? { maxTokens: pick([1, 512, 1_000_000]) } : {}),
    ...(r() > 0.5 ? { topP: pick([0, 0.25, 1]) } : {}),
    ...(r() > 0.5 ? { params: { stop: ['\n', '---'], seed: 7, nested: { b: true, a: null } } } : {}),
  };
  const meta = {
    name: pick(['Support reply', 'x', 'Ünïcode: name']),
    description: pick(NASTY_STRINGS),
    tags: r() > 0.5 ? ['a', 'b-c'] : [],
  };
  return { input: { blocks, variables, model }, meta };
}

const roundTrip = (file: PromptFile) => parsePromptFile(serializePromptFile(file)).file;

describe('prompt file round trip', () => {
  it('keeps the content hash for 300 generated prompts full of awkward text', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { input, meta } = randomContent(seed);
      const content = contentSchema.parse(input);
      const text = serializePromptFile({ ...meta, content });
      const back = parsePromptFile(text).file;
      expect(contentHash(contentSchema.parse(back.content)), `seed ${seed}`).toBe(contentHash(content));
      expect(back.content.blocks, `seed ${seed}`).toEqual(content.blocks);
      expect({ name: back.name, description: back.description, tags: back.tags }).toEqual(meta);
      expect(serializePromptFile(back), `seed ${seed}: a second pull writes the same bytes`).toBe(text);
    }
  }, 60_000);

  it('writes an include as its slug and pin, never the resolution the server attached', () => {
    const resolved = {
      promptId: 'p1',
      slug: 'tone-guide',
      name: 'Tone guide',
      releaseId: 'rel1',
      version: 4,
      contentHash: 'f'.repeat(64),
      blocks: [{ id: 't', kind: 'system', title: 'Tone', body: 'Be kind.', enabled: true }],
      variables: [],
      graph: [],
      depth: 1,
    };
    const content = contentSchema.parse({
      blocks: [
        {
          id: 'inc',
          kind: 'include',
          title: 'Tone',
          body: '',
          enabled: true,
          include: { promptSlug: 'tone-guide', pin: 'production', resolved },
        },
        { id: 'ph', kind: 'placeholder', title: 'History', body: '', enabled: true, placeholder: { name: 'history', required: true } },
        { id: 'pin', kind: 'include', title: '', body: '', enabled: false, include: { promptSlug: 'rules', pin: { release: 3 } } },
      ],
      variables: [],
      model: { provider: 'openai', model: 'm' },
    });
    const text = serializePromptFile({ name: 'n', description: '', tags: [], content });
    expect(text).toContain('```block kind=include id=inc enabled=true title="Tone" include=tone-guide pin=production\n```');
    expect(text).toContain('```block kind=placeholder id=ph enabled=true title="History" placeholder=history required=true\n```');
    expect(text).toContain('include=rules pin=v3');
    expect(text).not.toContain('Be kind.');
    const back = parsePromptFile(text).file.content.blocks;
    expect(back[0]!.include).toEqual({ promptSlug: 'tone-guide', pin: 'production' });
    expect(back[1]!.placeholder).toEqual({ name: 'history', required: true });
    expect(back[2]!.include).toEqual({ promptSlug: 'rules', pin: { release: 3 } });
  });

  it('names the line of a bad include or placeholder header', () => {
    const file = (header: string) =>
      `---\nname: n\ndescription: ""\ntags: []\nvariables: []\nmodel:\n  provider: p\n  model: m\n---\n\n${header}\n\`\`\`\n`;
    const fail = (header: string) => {
      try {
        parsePromptFile(file(header));
      } catch (error) {
        return `${(error as PromptFileError).line}: ${(error as PromptFileError).reason}`;
      }
      return 'parsed';
    };
    expect(fail('```block kind=include id=a enabled=true title=""')).toBe(
      '11: an include block needs include=… (the slug of the prompt it includes)',
    );
    expect(fail('```block kind=include id=a enabled=true title="" include=x pin=3')).toBe(
      '11: pin= must be production or a release such as v3 (got "3")',
    );
    expect(fail('```block kind=system id=a enabled=true title="" include=x')).toBe('11: only a kind=include block has include=…');
    expect(fail('```block kind=placeholder id=a enabled=true title=""')).toMatch(/^11: a placeholder block needs placeholder=…/);
    expect(fail('```block kind=placeholder id=a enabled=true title="" placeholder=h required=yes')).toBe(
      '11: required= must be true or false',
    );
  });

  it('writes the same bytes whatever order object keys arrive in', () => {
    const content = contentSchema.parse({
      blocks: [{ id: 'a', kind: 'system', title: 'S', body: 'x', enabled: true }],
      variables: [{ name: 'v', type: 'json', required: false, default: { b: 1, a: { d: 2, c: 3 } } }],
      model: { provider: 'openai', model: 'm', params: { y: 1, x: 2 } },
    });
    const shuffled = structuredClone(content);
    shuffled.variables[0]!.default = { a: { c: 3, d: 2 }, b: 1 };
    shuffled.model = { params: { x: 2, y: 1 }, model: 'm', provider: 'openai' };
    const file = (c: typeof content): PromptFile => ({ name: 'n', description: '', tags: [], content: c });
    expect(serializePromptFile(file(shuffled))).toBe(serializePromptFile(file(content)));
  });

  it('uses a fence longer than any backtick run in the body', () => {
    const body = 'a ```` b\n```````\n';
    const text = serializePromptFile({
      name: 'n',
      description: '',
      tags: [],
      content: contentSchema.parse({
        blocks: [{ id: 'a', kind: 'user', title: '', body, enabled: true }],
        variables: [],
        model: { provider: 'p', model: 'm' },
      }),
    });
    expect(text).toContain('\n````````block kind=user id=a');
    expect(roundTrip(parsePromptFile(text).file).content.blocks[0]!.body).toBe(body);
  });

  it('agrees with the server on block kinds and variable types', () => {
    expect([...BLOCK_KINDS]).toEqual([...DOMAIN_KINDS]);
    expect([...VARIABLE_TYPES]).toEqual([...DOMAIN_TYPES]);
  });
});

describe('one edit, one changed line', () => {
  const base = contentSchema.parse({
    blocks: [
      {
        id: 'sys',
        kind: 'system',
        title: 'System',
        body: 'You are a careful support agent.\nAnswer in English.\nBe brief.',
        enabled: true,
      },
      { id: 'user', kind: 'user', title: 'User', body: 'Question: {{question}}', enabled: true },
    ],
    variables: [{ name: 'question', type: 'string', required: true, description: 'What the customer asked' }],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.7 },
  });
  const file: PromptFile = {
    name: 'Support reply',
    description:
      'Answers customers, politely and briefly, in a long description that would fold in most YAML writers because it runs past eighty characters',
    tags: ['support'],
    content: base,
  };

  const changedLines = (edit: (f: PromptFile) => void) => {
    const after = structuredClone(file);
    edit(after);
    const a = serializePromptFile(file).split('\n');
    const b = serializePromptFile(after).split('\n');
    expect(b.length).toBe(a.length);
    return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]]]));
  };

  it.each<[string, (f: PromptFile) => void]>([
    ['a word in a body', (f) => (f.content.blocks[0]!.body = f.content.blocks[0]!.body.replace('careful', 'patient'))],
    ['a word in a long description', (f) => (f.description = f.description.replace('politely', 'kindly'))],
    ['the temperature', (f) => (f.content.model.temperature = 0.2)],
    ['a block title', (f) => (f.content.blocks[1]!.title = 'Customer')],
    ['a block switched off', (f) => (f.content.blocks[1]!.enabled = false)],
    ['a variable description', (f) => (f.content.variables[0]!.description = 'The question')],
  ])('%s', (_, edit) => expect(changedLines(edit)).toHaveLength(1));
});

describe('malformed files name the line', () => {
  const good = serializePromptFile({
    name: 'n',
    description: '',
    tags: [],
    content: contentSchema.parse({
      blocks: [{ id: 'a', kind: 'system', title: 'S', body: 'body', enabled: true }],
      variables: [{ name: 'v', type: 'string', required: true }],
      model: { provider: 'p', model: 'm' },
    }),
  });
  const lineOf = (text: string) => {
    try {
      parsePromptFile(text);
    } catch (error) {
      expect(error).toBeInstanceOf(PromptFileError);
      return { line: (error as PromptFileError).line, message: (error as Error).message };
    }
    throw new Error('expected the file to be refused');
  };
  const lines = good.split('\n');
  const at = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

  it('reads the good file', () => expect(parsePromptFile(good).file.content.blocks).toHaveLength(1));
  it('no front matter', () => expect(lineOf('# hello\n')).toMatchObject({ line: 1 }));
  it('unclosed front matter', () => expect(lineOf('---\nname: x\n')).toMatchObject({ line: 2 }));
  it('YAML syntax error', () => expect(lineOf(good.replace('name: n', 'name: [unclosed'))).toMatchObject({ line: expect.any(Number) }));
  it('a wrong type', () => {
    expect(lineOf(good.replace('type: string', 'type: text'))).toEqual({
      line: at('type: string'),
      message: expect.stringContaining('"variables.0.type" must be one of'),
    });
  });
  it('an unknown field', () =>
    expect(lineOf(good.replace('model:', 'modle: 1\nmodel:'))).toMatchObject({
      line: at('model:'),
      message: expect.stringContaining('"modle"'),
    }));
  it('required not a boolean', () =>
    expect(lineOf(good.replace('required: true', 'required: yes'))).toMatchObject({ line: at('required:') }));
  it('a stray line between blocks', () => expect(lineOf(good + 'stray text\n')).toMatchObject({ line: lines.length }));
  it('an unclosed block', () =>
    expect(lineOf(good.replace(/```\n$/, ''))).toMatchObject({ line: at('```block'), message: expect.stringContaining('no closing') }));
  it('an unknown kind', () =>
    expect(lineOf(good.replace('kind=system', 'kind=sytem'))).toMatchObject({
      line: at('```block'),
      message: expect.stringContaining('kind='),
    }));
  it('an unknown attribute', () =>
    expect(lineOf(good.replace('enabled=true', 'enabled=true colour=red'))).toMatchObject({
      message: expect.stringContaining('"colour"'),
    }));
  it('a broken title', () => expect(lineOf(good.replace('title="S"', 'title="S'))).toMatchObject({ line: at('```block') }));

  it('maps server field paths to lines', () => {
    const parsed = parsePromptFile(good);
    expect(parsed.lineOf('variables.0.name')).toBe(at('- name: v'));
    expect(parsed.lineOf('model.provider')).toBe(at('provider:'));
    expect(parsed.lineOf('blocks.0.id')).toBe(at('```block'));
    expect(parsed.lineOf('blocks.0.body')).toBe(at('```block') + 1);
    expect(parsed.lineOf('name')).toBe(2);
  });
});

describe("the README's example", () => {
  it('is exactly what serialize writes for what parse reads', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = /\n`````markdown\n([\s\S]*?\n)`````\n/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const parsed = parsePromptFile(example!).file;
    expect(contentSchema.safeParse(parsed.content).success).toBe(true);
    expect(parsed.content.blocks.map((b) => b.kind)).toEqual(['system', 'examples', 'user']);
    expect(parsed.content.blocks[1]!.body).toBe('Markdown inside a body is fine, fences too:\n```\n---\n```');
    expect(serializePromptFile(parsed)).toBe(example);
  });
});

describe('the CLI reads what the write API sends', () => {
  it('keeps include and placeholder on a block, so a pull writes them back', async () => {
    const { promptDetailSchema } = await import('../src/cli/schemas.js');
    const content = {
      blocks: [
        {
          id: 'a',
          kind: 'context',
          title: 'Shared',
          body: '',
          enabled: true,
          include: { promptSlug: 'tone', pin: { release: 2 }, resolved: { slug: 'tone', version: 2 } },
        },
        { id: 'b', kind: 'placeholder', title: 'History', body: '', enabled: true, placeholder: { name: 'history', required: false } },
      ],
      variables: [],
      model: { provider: 'openai', model: 'gpt-4o', params: {} },
    };
    const head = { number: 1, contentHash: 'h', authorName: null, createdAt: '2026-01-01T00:00:00Z', content };
    const parsed = promptDetailSchema.parse({ prompt: { slug: 's', name: 'S', description: '', tags: [] }, head, production: null });
    expect(parsed.head.content.blocks[0]!.include).toEqual(content.blocks[0]!.include);
    expect(parsed.head.content.blocks[1]!.placeholder).toEqual({ name: 'history', required: false });
  });
});
