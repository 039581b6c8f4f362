import { describe, expect, it } from 'vitest';
import { parseContent, type Block, type Content } from './content';
import { renderContent } from './template';

const model = { provider: 'openai', model: 'gpt-4o-mini', params: {} };
const block = (id: string, kind: Block['kind'], body: string): Block => ({ id, kind, title: id, body, enabled: true });
const history = (required: boolean): Block => ({ ...block('h', 'placeholder', ''), placeholder: { name: 'history', required } });
const content = (required = true): Content => ({
  blocks: [block('s', 'system', 'You help.'), history(required), block('u', 'user', '{{q}}')],
  variables: [{ name: 'q', type: 'string', required: true }],
  model,
});

describe('placeholders', () => {
  it('inserts the supplied messages in place, as separate turns', () => {
    const result = renderContent(
      content(),
      { q: 'And now?' },
      {
        history: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'tool', content: '{"ok":true}' },
        ],
      },
    );
    expect(result).toEqual({
      ok: true,
      messages: [
        { role: 'system', content: 'You help.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'tool', content: '{"ok":true}' },
        { role: 'user', content: 'And now?' },
      ],
      text: 'You help.\n\nHi\n\nHello\n\n{"ok":true}\n\nAnd now?',
    });
  });

  it('does not merge a block into the last history message of the same role', () => {
    const result = renderContent(content(), { q: 'Two' }, { history: [{ role: 'user', content: 'One' }] });
    expect(result.ok && result.messages.slice(1)).toEqual([
      { role: 'user', content: 'One' },
      { role: 'user', content: 'Two' },
    ]);
  });

  it('a missing required placeholder is an error naming it; an optional one renders nothing', () => {
    expect(renderContent(content(), { q: 'x' })).toEqual({
      ok: false,
      errors: [{ placeholder: 'history', message: 'Missing required placeholder "history"' }],
    });
    const optional = renderContent(content(false), { q: 'x' });
    expect(optional.ok && optional.messages.length).toBe(2);
  });

  it('checks roles and shapes', () => {
    const result = renderContent(content(), { q: 'x' }, { history: [{ role: 'robot', content: 'x' }, { role: 'user' }] });
    expect(result).toEqual({
      ok: false,
      errors: [
        { placeholder: 'history', message: 'Placeholder "history" message 1 has role "robot"; use system, user, assistant, tool' },
        { placeholder: 'history', message: 'Placeholder "history" message 2 must be { role, content } with string content' },
      ],
    });
    expect(renderContent(content(), { q: 'x' }, { history: 'hi' })).toMatchObject({ ok: false });
  });

  it('refuses two placeholders with one name', () => {
    const parsed = parseContent({ ...content(), blocks: [history(true), { ...history(false), id: 'h2' }] });
    expect(parsed.ok || parsed.issues.map((i) => i.message)).toEqual(['Duplicate placeholder "history"']);
  });
});
