'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { setCanary } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { FormError, inputClass } from '@/components/ui/field';

export interface CanaryFormProps {
  workspace: string;
  promptId: string;
  /** Releases that may take canary traffic: every release but the live one, newest first. */
  candidates: { id: string; version: number }[];
  liveVersion: number;
  canary: { releaseId: string; version: number; percent: number } | null;
}

/** Sends a share of production traffic to another release, or stops doing so. */
export function CanaryForm({ workspace, promptId, candidates, liveVersion, canary }: CanaryFormProps) {
  const router = useRouter();
  const [releaseId, setReleaseId] = useState(canary?.releaseId ?? candidates[0]?.id ?? '');
  const [percent, setPercent] = useState(String(canary?.percent ?? 10));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [percentError, setPercentError] = useState<string | null>(null);
  // After a rollback the remembered choice may have become the live release; fall back to a candidate.
  const selected = candidates.some((r) => r.id === releaseId) ? releaseId : (candidates[0]?.id ?? '');

  async function submit(input: { releaseId: string | null; percent: number }) {
    setPending(true);
    setError(null);
    const res = await setCanary({ workspace, promptId, ...input });
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    router.refresh();
  }

  function onStart(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const n = Number(percent);
    if (!Number.isInteger(n) || n < 1 || n > 99) {
      setPercentError('Enter a whole number from 1 to 99');
      return;
    }
    setPercentError(null);
    void submit({ releaseId: selected, percent: n });
  }

  return (
    <form onSubmit={onStart} aria-label="Canary" className="space-y-3 rounded-xl border border-stone-200 bg-white p-4 text-sm" noValidate>
      <div>
        <h3 className="font-medium text-stone-900">Canary</h3>
        <p className="text-xs text-stone-500">
          Send a share of production requests to another release; the rest keep receiving v{liveVersion}.
        </p>
      </div>
      <FormError message={error} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="space-y-1">
          <span className="block font-medium text-stone-800">Release</span>
          <select value={selected} onChange={(e) => setReleaseId(e.target.value)} className="rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
            {candidates.map((r) => (
              <option key={r.id} value={r.id}>
                v{r.version}
              </option>
            ))}
          </select>
        </label>
        <label className="w-28 space-y-1">
          <span className="block font-medium text-stone-800">Traffic %</span>
          <input
            type="number"
            min={1}
            max={99}
            step={1}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            aria-invalid={percentError !== null}
            aria-describedby={percentError ? 'canary-percent-error' : undefined}
            className={inputClass}
          />
        </label>
        <Button type="submit" disabled={pending || !selected}>
          {pending ? 'Saving…' : canary ? 'Update canary' : 'Start canary'}
        </Button>
        {canary && (
          <Button variant="danger" disabled={pending} onClick={() => void submit({ releaseId: null, percent: 0 })}>
            Stop canary
          </Button>
        )}
      </div>
      {percentError && (
        <p id="canary-percent-error" role="alert" className="text-sm text-red-700">
          {percentError}
        </p>
      )}
    </form>
  );
}
