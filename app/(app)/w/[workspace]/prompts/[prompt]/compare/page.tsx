import type { Metadata } from 'next';
import { z } from 'zod';
import { ContentDiff } from '@/components/diff/content-diff';
import { RefPicker } from '@/components/diff/ref-picker';
import { LineComments } from '@/components/review/line-comments';
import { can, type WorkspaceContext } from '@/lib/authz';
import { listRefs, resolveRef, type ResolvedRef } from '@/lib/data/compare';
import { getPrompt } from '@/lib/data/prompts';
import { listThreads } from '@/lib/data/review-comments';
import { AppError } from '@/lib/errors';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Compare' };

// "draft", "production", "r12" or "v3"; anything else is shown as not found, never a 500.
const refSchema = z.union([z.literal('draft'), z.literal('production'), z.string().regex(/^[rv][1-9]\d{0,9}$/)]);
const compareQuerySchema = z.object({
  from: z.string().default('production'),
  to: z.string().default('draft'),
});

type Side = { ok: true; ref: string; resolved: ResolvedRef | null } | { ok: false; ref: string; message: string };

async function loadSide(ctx: WorkspaceContext, promptId: string, ref: string): Promise<Side> {
  if (!refSchema.safeParse(ref).success) {
    return { ok: false, ref, message: `“${ref}” is not a revision (r12), a release (v3), “draft” or “production”.` };
  }
  try {
    return { ok: true, ref, resolved: await resolveRef(ctx, promptId, ref) };
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'invalid')) return { ok: false, ref, message: `${e.message}.` };
    throw e;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; prompt: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/compare`);
  const raw = await searchParams;
  // An empty value (?from=) means the default, like an absent one.
  const query = compareQuerySchema.parse({ from: first(raw.from) || undefined, to: first(raw.to) || undefined });
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const [from, to, refs] = await Promise.all([
    loadSide(ctx, prompt.id, query.from),
    loadSide(ctx, prompt.id, query.to),
    listRefs(ctx, prompt.id),
  ]);
  // Line comments anchor to a revision: the right-hand side, when it is one (a release's
  // content may differ from its revision's, since includes are frozen into it).
  const commentOn = to.ok && to.resolved?.kind === 'revision' ? to.resolved.number : null;
  const threads = commentOn !== null ? await listThreads(ctx, prompt.id, { revisionNumber: commentOn }) : [];
  const label = (side: Side) => (!side.ok ? side.ref : (side.resolved?.label ?? 'Production (nothing published)'));
  const errors = [from, to].flatMap((s) => (s.ok ? [] : [s.message]));

  return (
    <section aria-labelledby="compare-heading" className="space-y-4">
      <h2 id="compare-heading" className="text-base font-semibold text-stone-900">
        Comparing {label(from)} → {label(to)}
      </h2>
      <RefPicker
        path={`/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/compare`}
        from={from.ok ? query.from : null}
        to={to.ok ? query.to : null}
        releases={refs.releases}
        revisions={refs.revisions}
      />
      {errors.length > 0 ? (
        <Notice tone="error" title="Nothing to compare">
          {errors.map((m, i) => (
            <p key={i}>{m}</p>
          ))}
          <p>Pick another revision or release above.</p>
        </Notice>
      ) : from.ok && to.ok && to.resolved ? (
        <>
          {!from.resolved && <Notice title="Nothing is published yet">Every block of {to.resolved.label} shows as added.</Notice>}
          <ContentDiff
            before={from.resolved?.content ?? null}
            after={to.resolved.content}
            beforeLabel={from.resolved?.label ?? 'Nothing published'}
            afterLabel={to.resolved.label}
            commentable={to.resolved.kind === 'revision' && can(ctx.role, 'review.decide')}
          />
          <section aria-labelledby="compare-comments-heading" className="space-y-3">
            <h3 id="compare-comments-heading" className="text-sm font-semibold text-stone-900">
              Line comments{commentOn !== null ? ` on r${commentOn}` : ''}
            </h3>
            {commentOn !== null ? (
              <LineComments
                workspace={ctx.workspaceSlug}
                promptId={prompt.id}
                on={{ revisionNumber: commentOn }}
                userId={ctx.userId}
                canComment={can(ctx.role, 'review.decide')}
                blocks={to.resolved.content.blocks}
                threads={threads}
                reviewsPath={`/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/reviews`}
              />
            ) : (
              <p className="text-sm text-stone-600">Comments are written on a revision: pick the draft or a revision on the right.</p>
            )}
          </section>
        </>
      ) : (
        <Notice title="Nothing is published yet">Production serves nothing, so there is nothing on that side to compare.</Notice>
      )}
    </section>
  );
}

function Notice({ tone = 'info', title, children }: { tone?: 'info' | 'error'; title: string; children: React.ReactNode }) {
  const colors = tone === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-stone-200 bg-stone-50 text-stone-700';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`space-y-1 rounded-lg border px-4 py-3 text-sm ${colors}`}>
      <p className="font-medium">{title}</p>
      {children}
    </div>
  );
}
