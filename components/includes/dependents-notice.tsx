import type { Dependent } from '@/lib/data/dependents';

/** In the publish dialog of a shared prompt: who includes it, and what this release means for them. */
export function DependentsNotice({ dependents, nextVersion }: { dependents: Dependent[]; nextVersion: number }) {
  const following = dependents.filter((d) => d.draft?.pin === 'production');
  if (dependents.length === 0) return null;
  return (
    <div className="mb-3 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-indigo-900" data-testid="dependents-notice">
      <p className="font-medium">
        {dependents.length} prompt{dependents.length === 1 ? ' includes' : 's include'} this one. Their releases stay as they are.
      </p>
      {following.length > 0 && (
        <p>
          Pinned to production, these will be offered v{nextVersion} and pick it up at their next publish after an update:{' '}
          {following.map((d) => d.slug).join(', ')}.
        </p>
      )}
    </div>
  );
}
