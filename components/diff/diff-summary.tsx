import type { DiffSummary as Summary } from '@/lib/domain/diff';

/** "2 added · 1 changed · 1 moved · 4 unchanged · 1 variable changed", or "No differences". */
export function DiffSummary({ summary }: { summary: Summary }) {
  if (summary.identical) {
    return (
      <p data-testid="diff-summary" className="text-sm text-stone-600">
        No differences: both sides have the same blocks, variables and model settings.
      </p>
    );
  }
  const parts: { text: string; className: string }[] = [
    { text: `${summary.added} added`, className: 'text-emerald-700' },
    { text: `${summary.removed} removed`, className: 'text-red-700' },
    { text: `${summary.changed} changed`, className: 'text-amber-700' },
    { text: `${summary.moved} moved`, className: 'text-indigo-700' },
    { text: `${summary.unchanged} unchanged`, className: 'text-stone-500' },
  ].filter((p) => !p.text.startsWith('0 '));
  const settings = [
    summary.variablesChanged && `${summary.variablesChanged} ${summary.variablesChanged === 1 ? 'variable' : 'variables'} changed`,
    summary.modelChanged && `${summary.modelChanged} model ${summary.modelChanged === 1 ? 'setting' : 'settings'} changed`,
  ].filter((s): s is string => Boolean(s));
  return (
    <p data-testid="diff-summary" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="text-stone-600">Blocks:</span>
      {parts.length === 0 && <span className="text-stone-500">none</span>}
      {parts.map((p, i) => (
        <span key={p.text} className={`font-medium ${p.className}`}>
          {i > 0 && (
            <span aria-hidden className="mr-2 font-normal text-stone-300">
              ·
            </span>
          )}
          {p.text}
        </span>
      ))}
      {settings.map((s) => (
        <span key={s} className="font-medium text-amber-700">
          <span aria-hidden className="mr-2 font-normal text-stone-300">
            ·
          </span>
          {s}
        </span>
      ))}
    </p>
  );
}
