'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { stageRevision } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

export interface StageButtonProps {
  workspace: string;
  promptId: string;
  revision: { id: string; number: number };
  /** The revision staging serves now, if any. */
  stagedNumber: number | null;
}

/** Pins this revision to staging, so staging keys receive it for validation. */
export function StageButton({ workspace, promptId, revision, stagedNumber }: StageButtonProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onStage() {
    setPending(true);
    setError(null);
    const res = await stageRevision({ workspace, promptId, revisionId: revision.id });
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    router.refresh();
  }

  if (stagedNumber === revision.number) {
    return (
      <p role="status" className="text-sm text-emerald-800">
        Staging serves r{revision.number}.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={onStage} disabled={pending}>
          {pending ? 'Staging…' : 'Stage this revision'}
        </Button>
        <p className="text-xs text-stone-500">
          Staging keys will receive r{revision.number}
          {stagedNumber ? ` instead of r${stagedNumber}` : ''}. Production is unaffected.
        </p>
      </div>
    </div>
  );
}
