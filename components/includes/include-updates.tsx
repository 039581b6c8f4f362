'use client';

import { ContentDiff } from '@/components/diff/content-diff';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import { updateIncludes } from '@/lib/actions/includes';
import type { Content } from '@/lib/domain/content';

export interface IncludeUpdateView {
  blockId: string;
  slug: string;
  has: number;
  available: number;
  before: Content;
  after: Content;
}

interface Props {
  workspace: string;
  promptId: string;
  headRevisionId: string;
  canUpdate: boolean;
  updates: IncludeUpdateView[];
}

/** "tone-guide v4 is available (this release has v3)", the diff, and Update (a new revision). */
export function IncludeUpdates({ workspace, promptId, headRevisionId, canUpdate, updates }: Props) {
  const update = useAction(updateIncludes, {
    // The editor holds the old head as its base; reloading gives it the new revision.
    onSuccess: () => window.location.reload(),
  });
  if (updates.length === 0) return null;
  return (
    <section aria-label="Include updates" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm">
      {updates.map((u) => (
        <details key={u.blockId}>
          <summary className="cursor-pointer font-medium text-amber-900">
            {u.slug} v{u.available} is available (this release has v{u.has})
          </summary>
          <div className="mt-2 rounded border border-stone-200 bg-white p-2">
            <ContentDiff before={u.before} after={u.after} beforeLabel={`${u.slug} v${u.has}`} afterLabel={`${u.slug} v${u.available}`} />
          </div>
        </details>
      ))}
      {canUpdate && (
        <Button onClick={() => update.run({ workspace, promptId, baseRevisionId: headRevisionId })} disabled={update.pending}>
          {update.pending ? 'Updating…' : 'Update'}
        </Button>
      )}
      {update.error && (
        <p role="alert" className="text-red-700">
          {update.error}
        </p>
      )}
      <p className="text-xs text-amber-900">Update appends a new revision; it then goes through review and publish like any change.</p>
    </section>
  );
}
