import type { Metadata } from 'next';
import { RunPanel } from '@/components/evaluation/run-panel';
import { TestCaseForm } from '@/components/evaluation/test-case-form';
import { Badge } from '@/components/ui/badge';
import { can } from '@/lib/authz';
import { listRuns } from '@/lib/data/evaluation-runs';
import { listRevisions } from '@/lib/data/history';
import { getPrompt } from '@/lib/data/prompts';
import { listProviderChoices } from '@/lib/data/providers';
import { listTestCases } from '@/lib/data/test-cases';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Tests' };

export default async function PromptTestsPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/tests`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const canEdit = can(ctx.role, 'testcase.edit');
  const canRun = can(ctx.role, 'evaluation.run') && prompt.headRevision !== null;
  const [cases, runs, revisions, providers] = await Promise.all([
    listTestCases(ctx, prompt.id),
    listRuns(ctx, prompt.id, 1),
    canRun ? listRevisions(ctx, prompt.id).then((p) => p.items.map((r) => ({ id: r.id, number: r.number }))) : [],
    canRun ? listProviderChoices(ctx) : [],
  ]);

  return (
    <section aria-labelledby="tests-heading" className="space-y-4">
      <div>
        <h2 id="tests-heading" className="text-base font-semibold text-stone-900">
          Tests
        </h2>
        <p className="text-sm text-stone-600">
          Test cases are workspace data, not part of the released content. A run records the exact content it ran on.
        </p>
      </div>
      {prompt.headRevision && (
        <RunPanel
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          revisions={revisions}
          headRevisionId={prompt.headRevision.id}
          providers={providers}
          cases={cases.map((c) => ({ id: c.id, name: c.name }))}
          canRun={canRun}
          latestRunId={runs[0]?.id ?? null}
        />
      )}
      <ul aria-label="Test cases" className="space-y-2">
        {cases.length === 0 && <li className="text-sm text-stone-600">No test cases yet.</li>}
        {cases.map((c) => (
          <li key={c.id} className="rounded-xl border border-stone-200 bg-white">
            <details>
              <summary className="flex cursor-pointer items-center gap-2 px-4 py-2 text-sm font-medium text-stone-900">
                {c.name}
                <span className="text-xs font-normal text-stone-500">
                  {c.assertions.length} assertion{c.assertions.length === 1 ? '' : 's'}
                </span>
                {c.invalid && (
                  <Badge tone="red" title={c.invalid}>
                    invalid
                  </Badge>
                )}
              </summary>
              <div className="border-t border-stone-100 p-4">
                <TestCaseForm
                  key={c.updatedAt.toISOString()}
                  workspace={ctx.workspaceSlug}
                  promptId={prompt.id}
                  testCase={c}
                  canEdit={canEdit}
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
      {canEdit && (
        <div className="space-y-2 rounded-xl border border-stone-200 bg-white p-4">
          <h3 className="font-medium text-stone-900">New test case</h3>
          <TestCaseForm workspace={ctx.workspaceSlug} promptId={prompt.id} canEdit />
        </div>
      )}
    </section>
  );
}
