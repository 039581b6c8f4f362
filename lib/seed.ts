// First start on an empty database: a demo admin, a demo workspace and three prompts,
// one of them released (v1) with newer draft revisions on top.
import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { db } from '@/lib/data/db';
import { createPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { createAccount } from '@/lib/data/users';
import { planDemoSeed } from '@/lib/domain/demo-seed';
import { env } from '@/lib/env';
import { releaseNotes, sqlExplainer, supportAgentDraft, supportAgentV1 } from '@/lib/seed-content';

export const DEMO_EMAIL = 'demo@galley.local';

export async function seedIfEmpty(): Promise<boolean> {
  const prisma = await db();
  if ((await prisma.user.count()) > 0) return false;
  const plan = planDemoSeed({ hostname: env.HOSTNAME, demoPassword: env.GALLEY_DEMO_PASSWORD });
  if (!plan.seed) {
    console.log(`\n  ${plan.reason}\n`);
    return false;
  }
  const { userId, workspaceSlug } = await createAccount({ name: 'Acme Support', email: DEMO_EMAIL, password: plan.password });
  const ws = await prisma.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { id: true, name: true } });
  const ctx: WorkspaceContext = { userId, workspaceId: ws.id, workspaceSlug, workspaceName: ws.name, role: 'admin' };

  const agent = await createPrompt(
    ctx,
    {
      name: 'Support agent',
      slug: 'support-agent',
      description: 'Answers customer questions from the help-center context.',
      tags: ['support', 'production'],
    },
    supportAgentV1,
  );
  const r1 = await prisma.prompt.findUniqueOrThrow({ where: { id: agent.id }, select: { headRevisionId: true } });
  await publishRevision(ctx, { promptId: agent.id, revisionId: r1.headRevisionId!, note: 'First release', draftPolicy: 'reset' });
  let base = r1.headRevisionId!;
  for (const step of [1, 2]) {
    const { revision } = await saveDraft(ctx, { promptId: agent.id, baseRevisionId: base, content: supportAgentDraft(step) });
    base = revision.id;
  }
  await createPrompt(
    ctx,
    {
      name: 'Release notes writer',
      slug: 'release-notes-writer',
      description: 'Turns merged pull requests into customer-facing notes.',
      tags: ['marketing'],
    },
    releaseNotes,
  );
  await createPrompt(
    ctx,
    {
      name: 'SQL explainer',
      slug: 'sql-explainer',
      description: 'Explains a SQL query and flags risky patterns.',
      tags: ['analytics', 'json'],
    },
    sqlExplainer,
  );

  console.log(
    `\n  Galley demo data created.\n  Sign in as ${DEMO_EMAIL} with password "${plan.password}"` +
      ` (workspace /w/${workspaceSlug}). Change it, or set GALLEY_SEED=false before the first start.\n`,
  );
  return true;
}
