import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { decodeCursor } from '@/lib/domain/cursor';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { can } from '@/lib/authz';
import { listAuditEvents, type AuditRow } from '@/lib/data/audit-log';
import { formatUtc } from '@/lib/domain/history';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Audit log' };

const FILTERS = [
  { value: '', label: 'All' },
  { value: 'release.publish', label: 'Publish' },
  { value: 'release.rollback', label: 'Rollback' },
  { value: 'review', label: 'Reviews' },
  { value: 'member', label: 'Roles & members' },
  { value: 'policy', label: 'Policy' },
  { value: 'revision', label: 'Drafts' },
  { value: 'prompt', label: 'Prompts' },
] as const;

const FILTER_VALUES = FILTERS.map((f) => f.value).filter(Boolean) as [string, ...string[]];

/** A cursor this page handed out (lib/domain/cursor.ts). Anything else means the newest page. */
const cursorSchema = z.string().refine((c) => decodeCursor(c) !== null);

// Unknown or repeated values fall back to "All" and the newest page, never an error.
const auditQuerySchema = z.object({
  action: z.enum(FILTER_VALUES).optional().catch(undefined),
  cursor: cursorSchema.optional().catch(undefined),
});

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/audit`);
  if (!can(ctx.role, 'audit.read')) notFound();
  const { action, cursor } = auditQuerySchema.parse(await searchParams);
  const { items, nextCursor } = await listAuditEvents(ctx, { action, cursor });
  const path = `/w/${ctx.workspaceSlug}/audit`;
  const href = (q: { action?: string; cursor?: string }) => {
    const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();
    return search ? `${path}?${search}` : path;
  };

  return (
    <main className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-stone-600">Who did what in {ctx.workspaceName}, newest first. Events are append-only.</p>
      </div>
      <form method="get" action={path} className="flex flex-wrap items-end gap-2">
        <label className="space-y-1 text-sm">
          <span className="block font-medium text-stone-800">Show</span>
          <select name="action" defaultValue={action ?? ''} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
      </form>
      {items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white p-10 text-center text-sm text-stone-600">
          {cursor ? 'No older events.' : 'No events match this filter yet.'}
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-stone-50 text-left text-stone-600">
              <tr>
                <th className="px-4 py-2 font-medium">Time (UTC)</th>
                <th className="px-4 py-2 font-medium">Actor</th>
                <th className="px-4 py-2 font-medium">Action</th>
                <th className="px-4 py-2 font-medium">Target</th>
                <th className="px-4 py-2 font-medium">Details</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-row" className="align-top">
                  <td className="whitespace-nowrap px-4 py-2 text-stone-600">
                    <time dateTime={e.createdAt.toISOString()}>{formatUtc(e.createdAt)}</time>
                  </td>
                  <td className="px-4 py-2 text-stone-800">{e.actor ?? <span className="text-stone-500">system</span>}</td>
                  <td className="px-4 py-2">
                    <Badge tone={toneOf(e.action)}>{e.action}</Badge>
                  </td>
                  <td className="px-4 py-2 text-stone-800">{targetOf(e)}</td>
                  <td className="max-w-md px-4 py-2 break-words text-stone-600">{detailsOf(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(cursor || nextCursor) && (
        <nav aria-label="Audit log pages" className="flex justify-center gap-2">
          {cursor && (
            <Link href={href({ action })} className={buttonClass('secondary')}>
              Newest
            </Link>
          )}
          {nextCursor && (
            <Link href={href({ action, cursor: nextCursor })} className={buttonClass('secondary')}>
              Older events
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}

type Data = Record<string, unknown>;

function toneOf(action: string): 'green' | 'amber' | 'indigo' | 'red' | 'neutral' {
  if (action === 'release.publish') return 'green';
  if (action === 'release.rollback') return 'amber';
  if (action.startsWith('review.')) return 'indigo';
  if (action === 'member.remove' || action === 'member.password_reset_issue') return 'red';
  return 'neutral';
}

function str(v: unknown): string | null {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

function clip(s: string, max = 80): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function targetOf(e: AuditRow): string {
  const d = (e.data ?? {}) as Data;
  switch (e.targetType) {
    case 'prompt':
      return `prompt ${str(d.slug) ?? str(d.prompt) ?? e.targetId.slice(0, 8)}`;
    case 'review':
      return str(d.prompt) ? `review of ${str(d.prompt)}` : 'review';
    case 'membership':
    case 'invitation':
    case 'user':
      return str(d.email) ?? e.targetType;
    case 'workspace':
      return 'workspace';
    default:
      return `${e.targetType} ${e.targetId.slice(0, 8)}`;
  }
}

const POLICY_LABELS: Record<string, string> = {
  requiredApprovals: 'approvals',
  allowSelfApproval: 'self-approval',
  requirePassingEvaluation: 'passing evaluation',
  draftPolicy: 'draft policy',
  designatedReviewerIds: 'designated reviewers',
};

function policyValue(v: unknown): string {
  if (v === null || v === undefined) return 'inherit';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.length ? `${v.length} picked` : 'none';
  return String(v);
}

/** One line per event: "v2 from r5 · note…", "viewer → publisher", "from v2 to v1". */
function detailsOf(e: AuditRow): string {
  const d = (e.data ?? {}) as Data;
  const rev = (v: unknown) => (str(v) ? `r${str(v)}` : null);
  const note = str(d.note) ? clip(str(d.note)!, 60) : null;
  const comment = str(d.comment) ? clip(str(d.comment)!, 60) : null;
  switch (e.action) {
    case 'release.publish':
      return [`v${str(d.version) ?? '?'}${rev(d.revision) ? ` from ${rev(d.revision)}` : ''}`, note].filter(Boolean).join(' · ');
    case 'release.rollback':
      return d.from != null ? `from v${str(d.from)} to v${str(d.to)}` : `to v${str(d.to)}`;
    case 'member.role_change':
      return `${str(d.from) ?? '?'} → ${str(d.to) ?? '?'}`;
    case 'member.add':
    case 'member.invite':
    case 'member.invite_accept':
    case 'member.invite_decline':
      return str(d.role) ? `as ${str(d.role)}` : '';
    case 'member.invite_revoke':
      return d.reason === 'replaced' ? 'replaced by a new link' : '';
    case 'member.password_reset_issue':
      return str(d.expiresAt) ? `link valid until ${formatUtc(new Date(str(d.expiresAt)!))}` : '';
    case 'member.password_reset':
      return 'new password set with a reset link';
    case 'member.remove':
      return str(d.role) ? `was ${str(d.role)}` : '';
    case 'revision.restore':
      return `${rev(d.from)} restored as ${rev(d.to)}`;
    case 'review.request': {
      const n = Array.isArray(d.reviewers) ? d.reviewers.length : 0;
      return [rev(d.revision), n ? `${n} reviewer${n === 1 ? '' : 's'}` : null].filter(Boolean).join(' · ');
    }
    case 'review.update':
      return `${rev(d.from)} → ${rev(d.to)}`;
    case 'policy.change':
      return policyChanges(d);
    case 'prompt.create':
      return str(d.slug) ?? '';
    case 'workspace.create':
      return str(d.name) ?? '';
    default:
      if (e.action.startsWith('review.')) return [rev(d.revision), comment].filter(Boolean).join(' · ');
      return clip(
        Object.entries(d)
          .filter(([, v]) => str(v) !== null)
          .map(([k, v]) => `${k}: ${str(v)}`)
          .join(', '),
      );
  }
}

function policyChanges(d: Data): string {
  const before = (d.before ?? {}) as Data;
  const after = (d.after ?? {}) as Data;
  const changes = Object.keys(POLICY_LABELS)
    .filter((k) => k in after && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => `${POLICY_LABELS[k]} ${policyValue(before[k])} → ${policyValue(after[k])}`);
  return changes.length ? clip(changes.join(', '), 160) : 'no change';
}
