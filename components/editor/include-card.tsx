'use client';

import Link from 'next/link';
import { previewInclude } from '@/lib/actions/includes';
import { useAction } from '@/components/ui/use-action';
import { BLOCK_KIND_LABELS, type Block, type IncludePin } from '@/lib/domain/content';
import { pinLabel } from '@/lib/domain/includes';
import { useIncludeOptions } from './include-context';

interface Props {
  block: Block;
  index: number;
  readOnly: boolean;
  onChange: (patch: Partial<Omit<Block, 'id'>>) => void;
}

/** An include block: which prompt and which release, and the included blocks, read-only. */
export function IncludeCard({ block, index, readOnly, onChange }: Props) {
  const options = useIncludeOptions();
  const preview = useAction(previewInclude);
  const include = block.include ?? { promptSlug: '', pin: 'production' as const };
  const resolved = include.resolved;
  const target = options?.includable.find((p) => p.slug === include.promptSlug);
  const versions = Array.from({ length: target?.releaseCount ?? resolved?.version ?? 0 }, (_, i) => i + 1).reverse();

  async function choose(promptSlug: string, pin: IncludePin) {
    if (!options || !promptSlug) return;
    const result = await preview.run({ workspace: options.workspace, promptId: options.promptId, promptSlug, pin });
    if (result.ok) onChange({ include: { promptSlug, pin, resolved: result.data }, title: result.data.name });
  }

  return (
    <div className="space-y-2 px-3 py-2 text-sm" data-testid="include-card">
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs text-stone-600">
          Prompt
          <select
            aria-label={`Included prompt of block ${index + 1}`}
            value={include.promptSlug}
            disabled={readOnly || preview.pending}
            onChange={(e) => choose(e.target.value, 'production')}
            className="rounded border border-stone-300 px-1.5 py-0.5 text-xs"
          >
            <option value="">Choose a prompt…</option>
            {include.promptSlug && !target && <option value={include.promptSlug}>{include.promptSlug}</option>}
            {options?.includable.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name} ({p.slug})
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-stone-600">
          Pin
          <select
            aria-label={`Pin of block ${index + 1}`}
            value={pinLabel(include.pin)}
            disabled={readOnly || preview.pending || !include.promptSlug}
            onChange={(e) =>
              choose(include.promptSlug, e.target.value === 'production' ? 'production' : { release: Number(e.target.value.slice(1)) })
            }
            className="rounded border border-stone-300 px-1.5 py-0.5 text-xs"
          >
            <option value="production">its production release</option>
            {versions.map((v) => (
              <option key={v} value={`v${v}`}>
                v{v}
              </option>
            ))}
          </select>
        </label>
        {resolved && (
          <span className="text-xs text-stone-600" data-testid="include-resolved">
            {resolved.slug} v{resolved.version}
          </span>
        )}
        {include.promptSlug && options && (
          <Link href={`/w/${options.workspace}/prompts/${include.promptSlug}`} className="text-xs text-indigo-700 underline">
            Open {include.promptSlug}
          </Link>
        )}
      </div>
      {preview.error && (
        <p role="alert" className="text-xs text-red-700">
          {preview.error}
        </p>
      )}
      {resolved && (
        <details className="rounded border border-stone-100 bg-stone-50">
          <summary className="cursor-pointer px-2 py-1 text-xs text-stone-600">
            {resolved.blocks.length} included block{resolved.blocks.length === 1 ? '' : 's'} (read-only)
          </summary>
          <ol className="space-y-1 p-2" aria-label={`Blocks included from ${resolved.slug}`}>
            {resolved.blocks.map((inner) => (
              <li key={inner.id} className={`rounded border border-stone-200 bg-white p-2 ${inner.enabled ? '' : 'opacity-60'}`}>
                <p className="text-xs font-medium text-stone-500">
                  {BLOCK_KIND_LABELS[inner.kind]} · {inner.title}
                </p>
                <pre className="whitespace-pre-wrap font-mono text-xs">{inner.body}</pre>
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
