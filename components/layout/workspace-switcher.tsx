'use client';

import { useRouter } from 'next/navigation';
import type { MembershipDTO } from '@/lib/data/memberships';

export function WorkspaceSwitcher({ current, workspaces }: { current: string; workspaces: MembershipDTO[] }) {
  const router = useRouter();
  return (
    <select
      aria-label="Workspace"
      value={current}
      onChange={(e) => router.push(e.target.value === '__new' ? '/workspaces/new' : `/w/${e.target.value}`)}
      className="rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
    >
      {workspaces.map((w) => (
        <option key={w.workspaceSlug} value={w.workspaceSlug}>
          {w.workspaceName}
        </option>
      ))}
      <option value="__new">+ New workspace…</option>
    </select>
  );
}
