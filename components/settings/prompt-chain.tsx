import type { PromptChainDTO } from '@/lib/data/approval-chain';

/** Which stages this prompt must pass before publishing, and why each one applies. */
export function PromptChain({ chain }: { chain: PromptChainDTO }) {
  return (
    <div data-testid="prompt-chain" className="space-y-2 rounded-xl border border-stone-200 bg-white p-4 text-sm">
      {chain.stages.length === 0 ? (
        <p className="text-stone-600">No approvals are needed to publish this prompt.</p>
      ) : (
        <ol className="list-decimal space-y-1 pl-5">
          {chain.stages.map((s, i) => (
            <li key={`${i}-${s.name}`}>
              <span className="font-medium text-stone-900">{s.name}</span>: {s.required} of {s.who}{' '}
              <span className="text-stone-500">
                — {s.tag ? `tag rule: this prompt is tagged “${s.tag}”` : chain.staged ? 'workspace approval chain' : 'required approvals'}
              </span>
            </li>
          ))}
        </ol>
      )}
      {chain.otherRules.length > 0 && (
        <p className="text-xs text-stone-500">
          Not applied (the prompt lacks the tag): {chain.otherRules.map((r) => `${r.name} for “${r.tag}”`).join(', ')}.
        </p>
      )}
    </div>
  );
}
