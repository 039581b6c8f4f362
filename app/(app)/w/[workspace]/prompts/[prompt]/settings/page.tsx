import type { Metadata } from 'next';
import { PromptChain } from '@/components/settings/prompt-chain';
import { PromptPolicyForm } from '@/components/settings/prompt-policy-form';
import { can } from '@/lib/authz';
import { getPromptChain } from '@/lib/data/approval-chain';
import { listMembers } from '@/lib/data/members';
import { getPromptPolicy } from '@/lib/data/policy';
import { getPrompt } from '@/lib/data/prompts';
import { reviewerOptions } from '@/lib/domain/reviewers';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Prompt settings' };

export default async function PromptSettingsPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/settings`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const [policy, { members }] = await Promise.all([orNotFound(getPromptPolicy(ctx, prompt.id)), listMembers(ctx)]);
  const chain = await getPromptChain(ctx, prompt.id, policy.effective);
  const designated = [...new Set([...(policy.override.designatedReviewerIds ?? []), ...policy.workspace.designatedReviewerIds])];
  return (
    <section aria-labelledby="prompt-policy-heading" className="space-y-3">
      <div>
        <h2 id="prompt-policy-heading" className="text-lg font-semibold">
          Publish policy
        </h2>
        <p className="text-sm text-stone-600">This prompt follows the workspace’s publish policy except where a field is set here.</p>
      </div>
      <PromptPolicyForm
        workspace={ctx.workspaceSlug}
        promptId={prompt.id}
        override={policy.override}
        workspacePolicy={policy.workspace}
        effective={policy.effective}
        reviewers={reviewerOptions(members, designated)}
        canEdit={can(ctx.role, 'policy.change')}
      />
      <h3 className="pt-2 text-base font-semibold">Approval chain for this prompt</h3>
      <PromptChain chain={chain} />
    </section>
  );
}
