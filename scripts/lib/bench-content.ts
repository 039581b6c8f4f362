// Content of a given size for the benchmarks: `blocks` blocks of about `bodyBytes` each, the
// last a user block; `edit` changes the first block so each call can make a new revision.
import type { Content } from '../../lib/domain/content';

export function benchContent(blocks: number, bodyBytes: number, edit: number): Content {
  const sentence = 'Answer precisely, cite the policy section, and never promise refunds. ';
  const body = sentence.repeat(Math.max(1, Math.round(bodyBytes / sentence.length)));
  return {
    blocks: Array.from({ length: blocks }, (_, b) => ({
      id: `block-${b}`,
      kind: b === blocks - 1 ? ('user' as const) : ('instructions' as const),
      title: `Block ${b}`,
      body: b === 0 ? `${body}\nEdit number ${edit}.` : `${body}{{customer_name}}`,
      enabled: true,
    })),
    variables: [{ name: 'customer_name', type: 'string', required: true }],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.3, params: {} },
  };
}
