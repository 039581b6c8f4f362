import { Badge } from '@/components/ui/badge';
import { BLOCK_KIND_LABELS, type Content } from '@/lib/domain/content';

/** A read-only rendering of one content snapshot (revision or release). */
export function ContentView({ content }: { content: Content }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <ol className="space-y-3" aria-label="Blocks">
        {content.blocks.map((b) => (
          <li key={b.id} className={`rounded-lg border border-stone-200 bg-white ${b.enabled ? '' : 'opacity-60'}`}>
            <div className="flex items-center gap-2 border-b border-stone-100 px-3 py-2 text-sm">
              <Badge tone="indigo">{BLOCK_KIND_LABELS[b.kind]}</Badge>
              <span className="font-medium">{b.title}</span>
              {!b.enabled && <Badge>disabled</Badge>}
            </div>
            <pre className="max-h-96 overflow-auto whitespace-pre-wrap px-3 py-2 font-mono text-sm text-stone-800">{b.body || '—'}</pre>
          </li>
        ))}
      </ol>
      <aside className="space-y-4 text-sm">
        <section className="rounded-lg border border-stone-200 bg-white p-3">
          <h2 className="mb-2 font-medium">Variables</h2>
          {content.variables.length === 0 ? (
            <p className="text-stone-500">None</p>
          ) : (
            <ul className="space-y-1">
              {content.variables.map((v) => (
                <li key={v.name} className="font-mono">
                  {v.name}:{' '}
                  <span className="text-stone-500">
                    {v.type}
                    {v.required ? '' : '?'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-lg border border-stone-200 bg-white p-3">
          <h2 className="mb-2 font-medium">Model</h2>
          <dl className="grid grid-cols-2 gap-1">
            <dt className="text-stone-500">Provider</dt>
            <dd>{content.model.provider}</dd>
            <dt className="text-stone-500">Model</dt>
            <dd>{content.model.model}</dd>
            {content.model.temperature !== undefined && (
              <>
                <dt className="text-stone-500">Temperature</dt>
                <dd>{content.model.temperature}</dd>
              </>
            )}
            {content.model.maxTokens !== undefined && (
              <>
                <dt className="text-stone-500">Max tokens</dt>
                <dd>{content.model.maxTokens}</dd>
              </>
            )}
          </dl>
        </section>
      </aside>
    </div>
  );
}
