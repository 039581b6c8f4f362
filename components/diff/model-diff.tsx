import type { ModelChange } from '@/lib/domain/diff';
import { formatDiffValue } from './diff-value';

const KEY_LABELS: Record<string, string> = {
  provider: 'Provider',
  model: 'Model',
  temperature: 'Temperature',
  maxTokens: 'Max tokens',
  topP: 'Top P',
};

/** The model settings that differ, one row per key (each top-level param on its own row). */
export function ModelDiff({ changes, beforeLabel, afterLabel }: { changes: ModelChange[]; beforeLabel: string; afterLabel: string }) {
  return (
    <section aria-labelledby="model-diff-heading" className="rounded-lg border border-stone-200 bg-white">
      <h3 id="model-diff-heading" className="border-b border-stone-100 px-3 py-2 text-sm font-medium">
        Model settings
      </h3>
      {changes.length === 0 ? (
        <p className="px-3 py-2 text-sm text-stone-500">Unchanged.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-stone-500">
              <tr>
                <th className="px-3 py-1.5 font-medium">Setting</th>
                <th className="px-3 py-1.5 font-medium">{beforeLabel}</th>
                <th className="px-3 py-1.5 font-medium">{afterLabel}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {changes.map((c) => (
                <tr key={c.key} data-testid="model-change" data-key={c.key}>
                  <td className="px-3 py-1.5 font-mono text-xs">{KEY_LABELS[c.key] ?? c.key}</td>
                  <td className="max-w-xs break-all bg-red-50/60 px-3 py-1.5 font-mono text-xs text-red-900">
                    {formatDiffValue(c.before)}
                  </td>
                  <td className="max-w-xs break-all bg-emerald-50/60 px-3 py-1.5 font-mono text-xs text-emerald-900">
                    {formatDiffValue(c.after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
