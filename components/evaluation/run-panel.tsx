'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { cancelRun, getRunStatus, startRun } from '@/lib/actions/evaluations';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError, inputClass } from '@/components/ui/field';
import type { ProductionComparison, ResultDto, RunDto } from '@/lib/data/evaluations';

const POLL_MS = 500;

type RunState = { run: RunDto & { results: ResultDto[] }; production: ProductionComparison | null; finished: boolean };

const TONE = { passed: 'green', failed: 'red', errored: 'amber', cancelled: 'neutral', running: 'indigo', queued: 'neutral' } as const;

export interface RunPanelProps {
  workspace: string;
  promptId: string;
  revisions: { id: string; number: number }[];
  headRevisionId: string;
  providers: { id: string; name: string; model: string }[];
  cases: { id: string; name: string }[];
  canRun: boolean;
  /** The latest run, shown (and followed if still running) when the page opens. */
  latestRunId: string | null;
}

/** Starts a run, follows its progress by polling, and shows its results beside production's. */
export function RunPanel({ workspace, promptId, revisions, headRevisionId, providers, cases, canRun, latestRunId }: RunPanelProps) {
  const router = useRouter();
  // null follows the draft head, which moves when the draft is saved.
  const [chosenRevision, setChosenRevision] = useState<string | null>(null);
  const revisionId = chosenRevision ?? headRevisionId;
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '');
  const [runId, setRunId] = useState(latestRunId);
  const [state, setState] = useState<RunState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const poll = useCallback(async (id: string) => {
    const res = await getRunStatus({ workspace, promptId, runId: id });
    if (!res.ok) {
      setError(res.error.message);
      return true;
    }
    setState(res.data);
    return res.data.finished;
  }, [workspace, promptId]);

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const finished = await poll(runId);
      if (stopped) return;
      if (finished) router.refresh(); // the publish bar reads the finished run
      else timer = setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, poll, router]);

  async function onRun() {
    setPending(true);
    setError(null);
    const res = await startRun({ workspace, promptId, revisionId, providerId: providerId || undefined });
    setPending(false);
    if (!res.ok) return setError(res.fieldErrors?.providerId?.join(' ') ?? res.error.message);
    setState(null);
    setRunId(res.data.id);
  }

  async function onCancel() {
    if (!runId) return;
    const res = await cancelRun({ workspace, promptId, runId });
    if (!res.ok) setError(res.error.message);
    else await poll(runId);
  }

  const run = state?.run;
  const running = !!run && !state.finished;
  const done = run ? run.results.length : 0;
  const byName = new Map(run?.results.map((r) => [r.caseName, r]));
  // While running, cases without a result yet are shown as pending rows.
  const rows = run ? [...run.results, ...(running ? cases.filter((c) => !byName.has(c.name)).map((c) => ({ pendingName: c.name })) : [])] : [];

  return (
    <section aria-labelledby="run-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
      <h3 id="run-heading" className="font-medium text-stone-900">
        Run tests
      </h3>
      <FormError message={error} />
      {canRun && (
        <div className="flex flex-wrap items-end gap-3">
          <label className="space-y-1 text-sm font-medium text-stone-800">
            <span className="block">Revision</span>
            <select className={`${inputClass} w-auto`} value={revisionId} onChange={(e) => setChosenRevision(e.target.value === headRevisionId ? null : e.target.value)}>
              {revisions.map((r) => (
                <option key={r.id} value={r.id}>
                  r{r.number}
                  {r.id === headRevisionId ? ' (draft head)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="space-y-1 text-sm font-medium text-stone-800">
            <span className="block">Model provider</span>
            <select className={`${inputClass} w-auto`} value={providerId} onChange={(e) => setProviderId(e.target.value)}>
              <option value="">None (prompt assertions only)</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.model})
                </option>
              ))}
            </select>
          </label>
          <Button onClick={onRun} disabled={pending || running || cases.length === 0}>
            Run tests
          </Button>
          {running && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </div>
      )}
      {run && (
        <div className="space-y-2">
          <p role="status" className="flex items-center gap-2 text-sm text-stone-700">
            <Badge tone={TONE[run.status]}>{run.status}</Badge>
            <span data-testid="run-progress">
              {done} of {run.total}
            </span>
            <span>
              on {run.revision ? `r${run.revision.number}` : run.release ? `v${run.release.version}` : 'unknown'}
              {run.provider ? ` with ${run.provider.name} (${run.provider.model})` : ''} · {run.passed} passed, {run.failed} failed, {run.errored} errored
            </span>
          </p>
          <ResultsTable rows={rows} comparison={state.production?.comparison ?? null} />
          {state.finished && <ProductionSummary production={state.production} />}
        </div>
      )}
    </section>
  );
}

type TableRow = ResultDto | { pendingName: string };

function ResultsTable({ rows, comparison }: { rows: TableRow[]; comparison: ProductionComparison['comparison'] }) {
  const change = new Map(comparison?.cases.map((c) => [c.caseName, c.change]));
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs uppercase text-stone-500">
        <tr>
          <th className="py-1 pr-2">Case</th>
          <th className="py-1 pr-2">Result</th>
          <th className="py-1 pr-2">Output</th>
          <th className="py-1 pr-2">Latency</th>
          <th className="py-1 pr-2">Tokens</th>
          <th className="py-1 pr-2">Assertions</th>
          {comparison && <th className="py-1">vs production</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) =>
          'pendingName' in r ? (
            <tr key={`pending-${r.pendingName}`} data-testid="case-result" data-status="running" className="border-t border-stone-100">
              <td className="py-1 pr-2">{r.pendingName}</td>
              <td className="py-1 pr-2" colSpan={5}>
                <span className="inline-block size-3 animate-spin rounded-full border-2 border-indigo-300 border-t-indigo-700" aria-hidden /> Running…
              </td>
            </tr>
          ) : (
            <tr key={r.id} data-testid="case-result" data-status={r.status} className="border-t border-stone-100 align-top">
              <td className="py-1 pr-2 font-medium">{r.caseName}</td>
              <td className="py-1 pr-2">
                <Badge tone={TONE[r.status]}>{r.status}</Badge>
                {r.error && <p className="text-xs text-amber-800">{r.error}</p>}
              </td>
              <td className="max-w-xs py-1 pr-2">
                <pre className="max-h-24 overflow-auto whitespace-pre-wrap text-xs">{r.output ?? '—'}</pre>
              </td>
              <td className="py-1 pr-2">{r.latencyMs !== null ? `${r.latencyMs} ms` : '—'}</td>
              <td className="py-1 pr-2">{r.tokensIn !== null || r.tokensOut !== null ? `${r.tokensIn ?? '?'} in / ${r.tokensOut ?? '?'} out` : '—'}</td>
              <td className="py-1 pr-2">
                <ul className="space-y-0.5 text-xs">
                  {r.assertionResults.map((a, i) => (
                    <li key={i} className={a.passed ? 'text-emerald-800' : a.skipped ? 'text-stone-500' : 'text-red-700'}>
                      {a.passed ? '✓' : '✗'} {a.message}
                    </li>
                  ))}
                </ul>
              </td>
              {comparison && <td className="py-1">{change.get(r.caseName) ?? '—'}</td>}
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function ProductionSummary({ production }: { production: ProductionComparison | null }) {
  if (!production?.production) return <p className="text-sm text-stone-600">Nothing is in production yet, so there is nothing to compare with.</p>;
  if (!production.comparison) return <p className="text-sm text-stone-600">No finished run on production (v{production.production.version}) to compare with.</p>;
  const c = production.comparison;
  return (
    <p data-testid="production-comparison" className="text-sm text-stone-700">
      Compared with the last run on production (v{production.production.version}): {c.fixed} fixed, {c.regressed} regressed, {c.same} same
      {c.added ? `, ${c.added} added` : ''}
      {c.removed ? `, ${c.removed} removed` : ''}.
    </p>
  );
}
