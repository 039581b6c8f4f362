import { Badge } from '@/components/ui/badge';
import type { Variable } from '@/lib/domain/content';
import type { VariableDiff } from '@/lib/domain/diff';
import { formatDiffValue } from './diff-value';

const STATUS = {
  added: { tone: 'green', text: 'Added' },
  removed: { tone: 'red', text: 'Removed' },
  changed: { tone: 'amber', text: 'Changed' },
  unchanged: { tone: 'neutral', text: 'Unchanged' },
} as const;

function describe(v: Variable | undefined): string {
  if (!v) return '—';
  const parts = [v.type, v.required ? 'required' : 'optional'];
  if (v.default !== undefined) parts.push(`default ${formatDiffValue(v.default)}`);
  if (v.description) parts.push(`“${v.description}”`);
  return parts.join(', ');
}

/** Variables added, removed or changed (matched by name); unchanged ones are only counted. */
export function VariablesDiff({
  variables,
  beforeLabel,
  afterLabel,
}: {
  variables: VariableDiff[];
  beforeLabel: string;
  afterLabel: string;
}) {
  const shown = variables.filter((v) => v.status !== 'unchanged');
  const unchanged = variables.length - shown.length;
  const note =
    variables.length === 0
      ? 'No variables on either side.'
      : unchanged > 0
        ? `${unchanged} unchanged ${unchanged === 1 ? 'variable' : 'variables'}${shown.length === 0 ? '; nothing else changed.' : '.'}`
        : null;
  return (
    <section aria-labelledby="variables-diff-heading" className="rounded-lg border border-stone-200 bg-white">
      <h3 id="variables-diff-heading" className="border-b border-stone-100 px-3 py-2 text-sm font-medium">
        Variables
      </h3>
      {shown.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-stone-500">
              <tr>
                <th className="px-3 py-1.5 font-medium">Name</th>
                <th className="px-3 py-1.5 font-medium">Status</th>
                <th className="px-3 py-1.5 font-medium">{beforeLabel}</th>
                <th className="px-3 py-1.5 font-medium">{afterLabel}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {shown.map((v) => (
                <tr key={v.name} data-testid="variable-change" data-status={v.status}>
                  <td className="px-3 py-1.5 font-mono text-xs">{v.name}</td>
                  <td className="px-3 py-1.5">
                    <Badge tone={STATUS[v.status].tone}>{STATUS[v.status].text}</Badge>
                    {v.changes.length > 0 && <span className="ml-2 text-xs text-stone-500">{v.changes.join(', ')}</span>}
                  </td>
                  <td className="max-w-xs break-words px-3 py-1.5 text-xs text-stone-700">{describe(v.before)}</td>
                  <td className="max-w-xs break-words px-3 py-1.5 text-xs text-stone-700">{describe(v.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {note && <p className="px-3 py-2 text-sm text-stone-500">{note}</p>}
    </section>
  );
}
