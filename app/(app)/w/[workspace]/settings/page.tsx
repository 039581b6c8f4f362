import type { Metadata } from 'next';
import Link from 'next/link';
import { ApprovalChainForm } from '@/components/settings/approval-chain-form';
import { ApiKeysPanel, type ApiKeyRow } from '@/components/settings/api-keys-panel';
import { InviteMemberForm } from '@/components/settings/invite-member-form';
import { MembersTable } from '@/components/settings/members-table';
import { PolicyForm } from '@/components/settings/policy-form';
import { ProvidersPanel } from '@/components/settings/providers-panel';
import { ServiceTokensPanel, type ServiceTokenRow } from '@/components/settings/service-tokens-panel';
import { can } from '@/lib/authz';
import { listApiKeys, type ApiKeyDTO } from '@/lib/data/api-keys';
import { getApprovalChain } from '@/lib/data/approval-chain';
import { listMembers } from '@/lib/data/members';
import { getWorkspacePolicy } from '@/lib/data/policy';
import { listProviders } from '@/lib/data/providers';
import { listServiceTokens, type ServiceTokenDTO } from '@/lib/data/service-tokens';
import { formatUtc } from '@/lib/domain/history';
import { reviewerOptions } from '@/lib/domain/reviewers';
import { serviceTokenStatus } from '@/lib/domain/service-token';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/settings`);
  const manageKeys = can(ctx.role, 'apikey.manage');
  const manageProviders = can(ctx.role, 'provider.manage');
  const manageTokens = can(ctx.role, 'servicetoken.manage');
  const [{ members, invitations }, policy, chain, apiKeys, providers, tokens] = await Promise.all([
    listMembers(ctx),
    getWorkspacePolicy(ctx),
    getApprovalChain(ctx),
    manageKeys ? listApiKeys(ctx) : null,
    manageProviders ? listProviders(ctx) : null,
    manageTokens ? listServiceTokens(ctx) : null,
  ]);
  const manage = can(ctx.role, 'member.role_change');
  return (
    <main className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-stone-600">{ctx.workspaceName}</p>
      </div>
      <section className="space-y-3" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members
        </h2>
        {!manage && <p className="text-sm text-stone-600">Only admins can invite members or change roles.</p>}
        <MembersTable
          workspace={ctx.workspaceSlug}
          members={members}
          invitations={invitations}
          currentUserId={ctx.userId}
          manage={manage}
        />
        {manage && <InviteMemberForm workspace={ctx.workspaceSlug} />}
      </section>
      <section className="space-y-3" aria-labelledby="policy-heading">
        <div>
          <h2 id="policy-heading" className="text-lg font-semibold">
            Publish policy
          </h2>
          <p className="text-sm text-stone-600">
            What a revision needs before it can be published. Each prompt inherits this unless its own settings override a field.
          </p>
        </div>
        <PolicyForm
          workspace={ctx.workspaceSlug}
          policy={policy}
          reviewers={reviewerOptions(members, policy.designatedReviewerIds)}
          canEdit={can(ctx.role, 'policy.change')}
        />
      </section>
      <section className="space-y-3" aria-labelledby="chain-heading">
        <div>
          <h2 id="chain-heading" className="text-lg font-semibold">
            Approval chain
          </h2>
          <p className="text-sm text-stone-600">
            Stages a revision must pass, in order, before it can be published, and stages added to prompts by their tags.
          </p>
        </div>
        <ApprovalChainForm
          workspace={ctx.workspaceSlug}
          chain={chain}
          members={reviewerOptions(members, [])}
          canEdit={can(ctx.role, 'policy.change')}
        />
      </section>
      <section className="space-y-3" aria-labelledby="api-keys-heading">
        <div>
          <h2 id="api-keys-heading" className="text-lg font-semibold">
            API keys
          </h2>
          <p className="text-sm text-stone-600">
            Applications read prompts over the API with a key. Each key belongs to one environment; only its hash is stored.
          </p>
        </div>
        {apiKeys ? (
          <ApiKeysPanel workspace={ctx.workspaceSlug} keys={apiKeys.map(apiKeyRow)} />
        ) : (
          <p className="text-sm text-stone-600">Only admins can see and manage API keys.</p>
        )}
      </section>
      <section className="space-y-3" aria-labelledby="service-tokens-heading">
        <div>
          <h2 id="service-tokens-heading" className="text-lg font-semibold">
            Service tokens
          </h2>
          <p className="text-sm text-stone-600">
            The CLI and CI jobs change prompts over the write API with a token. Each acts as a member with its role; only its hash is
            stored.
          </p>
        </div>
        {tokens ? (
          <ServiceTokensPanel workspace={ctx.workspaceSlug} serviceTokens={tokens.map(serviceTokenRow)} />
        ) : (
          <p className="text-sm text-stone-600">Only admins can see and manage service tokens.</p>
        )}
      </section>
      <section className="space-y-3" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          Webhooks
        </h2>
        <p className="text-sm text-stone-600">
          Other systems hear of releases and reviews through signed requests.{' '}
          <Link href={`/w/${ctx.workspaceSlug}/settings/webhooks`} className="text-indigo-700 hover:underline">
            Manage webhooks
          </Link>
        </p>
      </section>
      <section className="space-y-3" aria-labelledby="providers-heading">
        <div>
          <h2 id="providers-heading" className="text-lg font-semibold">
            Model providers
          </h2>
          <p className="text-sm text-stone-600">
            OpenAI-compatible chat-completions endpoints that test runs call. API keys are encrypted at rest and never shown again.
          </p>
        </div>
        {providers ? (
          <ProvidersPanel
            workspace={ctx.workspaceSlug}
            providers={providers.map(({ id, name, baseUrl, model, hasApiKey }) => ({ id, name, baseUrl, model, hasApiKey }))}
          />
        ) : (
          <p className="text-sm text-stone-600">Only admins can see and manage model providers.</p>
        )}
      </section>
    </main>
  );
}

const moment = (d: Date) => ({ iso: d.toISOString(), absolute: formatUtc(d) });

function apiKeyRow(k: ApiKeyDTO): ApiKeyRow {
  return {
    ...k,
    createdAt: moment(k.createdAt),
    lastUsedAt: k.lastUsedAt && moment(k.lastUsedAt),
    revokedAt: k.revokedAt && moment(k.revokedAt),
  };
}

function serviceTokenRow(t: ServiceTokenDTO): ServiceTokenRow {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    status: serviceTokenStatus(t, new Date()),
    createdAt: moment(t.createdAt),
    createdBy: t.createdBy,
    expiresAt: t.expiresAt && moment(t.expiresAt),
    lastUsedAt: t.lastUsedAt && moment(t.lastUsedAt),
  };
}
