// The demo workspace's prompts: realistic content that shows blocks, variables and model settings.
import type { Content } from '@/lib/domain/content';

export const supportAgentV1: Content = {
  blocks: [
    {
      id: 'sys',
      kind: 'system',
      title: 'Role',
      enabled: true,
      body: "You are Acme's customer support agent. You are calm, precise and kind.",
    },
    {
      id: 'ins',
      kind: 'instructions',
      title: 'How to answer',
      enabled: true,
      body: "Answer the customer's question using only the context below.\nIf the answer is not in the context, say so and offer to open a ticket.\nAddress the customer as {{customer_name}}.",
    },
    { id: 'ctx', kind: 'context', title: 'Plan details', enabled: true, body: 'The customer is on the {{plan}} plan.' },
    {
      id: 'grd',
      kind: 'guardrails',
      title: 'Never',
      enabled: true,
      body: "- Never promise refunds.\n- Never share another customer's data.",
    },
    { id: 'usr', kind: 'user', title: 'Question', enabled: true, body: '{{question}}' },
  ],
  variables: [
    { name: 'customer_name', type: 'string', required: true, description: 'First name of the customer' },
    { name: 'plan', type: 'string', required: false, default: 'Free', description: 'Billing plan' },
    { name: 'question', type: 'string', required: true },
  ],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.3, maxTokens: 600, params: {} },
};

export function supportAgentDraft(step: number): Content {
  const blocks = supportAgentV1.blocks.map((b) =>
    b.id === 'ins' ? { ...b, body: `${b.body}\nKeep answers under ${step === 1 ? 150 : 120} words.` } : b,
  );
  if (step >= 2) {
    blocks.splice(4, 0, {
      id: 'fmt',
      kind: 'output_format',
      title: 'Format',
      enabled: true,
      body: 'Reply in Markdown. End with one line: "Anything else I can help with?"',
    });
  }
  return { ...supportAgentV1, blocks, model: { ...supportAgentV1.model, temperature: step >= 2 ? 0.2 : 0.3 } };
}

export const releaseNotes: Content = {
  blocks: [
    {
      id: 'sys',
      kind: 'system',
      title: 'Role',
      enabled: true,
      body: 'You write release notes for {{product}} for a non-technical audience.',
    },
    {
      id: 'ins',
      kind: 'instructions',
      title: 'Rules',
      enabled: true,
      body: 'Group the changes into New, Improved and Fixed. Skip internal refactors.',
    },
    { id: 'ex', kind: 'examples', title: 'Example', enabled: false, body: 'New: Dark mode for the dashboard.' },
    { id: 'usr', kind: 'user', title: 'Changes', enabled: true, body: 'Merged pull requests:\n{{changes}}' },
  ],
  variables: [
    { name: 'product', type: 'string', required: true },
    { name: 'changes', type: 'string', required: true, description: 'One pull request title per line' },
  ],
  model: { provider: 'openai', model: 'gpt-4o', temperature: 0.5, params: {} },
};

export const sqlExplainer: Content = {
  blocks: [
    { id: 'sys', kind: 'system', title: 'Role', enabled: true, body: 'You explain SQL queries to analysts in plain language.' },
    { id: 'fmt', kind: 'output_format', title: 'Output', enabled: true, body: 'Return JSON: {"summary": string, "risks": string[]}' },
    { id: 'usr', kind: 'user', title: 'Query', enabled: true, body: 'Dialect: {{dialect}}\nStrict: {{strict}}\n\n{{query}}' },
  ],
  variables: [
    { name: 'dialect', type: 'string', required: false, default: 'postgresql' },
    { name: 'strict', type: 'boolean', required: false, default: false },
    { name: 'query', type: 'string', required: true },
  ],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0, params: { response_format: { type: 'json_object' } } },
};
