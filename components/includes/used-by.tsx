import Link from 'next/link';
import type { Dependent } from '@/lib/data/dependents';

/** "Used by": the prompts that include this one, and which of its releases each one froze. */
export function UsedBy({ workspace, dependents }: { workspace: string; dependents: Dependent[] }) {
  if (dependents.length === 0) return null;
  return (
    <section aria-labelledby="used-by-heading" className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
      <h2 id="used-by-heading" className="font-medium">
        Used by
      </h2>
      <ul className="mt-1 space-y-1">
        {dependents.map((d) => (
          <li key={d.promptId} data-testid="used-by-row">
            <Link href={`/w/${workspace}/prompts/${d.slug}`} className="font-medium text-indigo-700 underline">
              {d.name}
            </Link>{' '}
            <span className="text-stone-600">
              {d.draft ? `draft: ${d.draft.pin} (v${d.draft.version})` : 'no longer in the draft'}
              {d.releases.length > 0 && ` · ${d.releases.map((r) => `its v${r.version} froze v${r.includedVersion}`).join(', ')}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
