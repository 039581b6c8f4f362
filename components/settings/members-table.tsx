'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { changeRole, removeMember, revokeInvitation } from '@/lib/actions/members';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import type { Role } from '@/lib/authz-rules';
import type { InvitationDTO, MemberDTO } from '@/lib/data/members';
import { RoleSelect } from './role-select';

interface Props {
  workspace: string;
  members: MemberDTO[];
  invitations: InvitationDTO[];
  currentUserId: string;
  manage: boolean;
}

export function MembersTable({ workspace, members, invitations, currentUserId, manage }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(fn: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    startTransition(async () => {
      const res = await fn();
      setError(res.ok ? null : (res.error?.message ?? 'Failed'));
      router.refresh();
    });
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      <table className="w-full overflow-hidden rounded-xl border border-stone-200 bg-white text-sm">
        <thead className="bg-stone-50 text-left text-stone-600">
          <tr>
            <th className="px-4 py-2 font-medium">Member</th>
            <th className="px-4 py-2 font-medium">Role</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {members.map((m) => (
            <tr key={m.membershipId} data-testid={`member-${m.email}`}>
              <td className="px-4 py-2">
                <div className="font-medium">{m.name ?? m.email}{m.userId === currentUserId && <span className="text-stone-500"> (you)</span>}</div>
                <div className="text-xs text-stone-500">{m.email}</div>
              </td>
              <td className="px-4 py-2">
                {manage ? (
                  <RoleSelect
                    label={`Role of ${m.email}`}
                    value={m.role}
                    disabled={pending}
                    onChange={(role: Role) => run(() => changeRole({ workspace, membershipId: m.membershipId, role }))}
                  />
                ) : (
                  <Badge>{m.role}</Badge>
                )}
              </td>
              <td className="px-4 py-2 text-right">
                {manage && (
                  <Button variant="danger" size="sm" disabled={pending} onClick={() => run(() => removeMember({ workspace, membershipId: m.membershipId }))}>
                    Remove
                  </Button>
                )}
              </td>
            </tr>
          ))}
          {invitations.map((i) => (
            <tr key={i.id} data-testid={`invitation-${i.email}`}>
              <td className="px-4 py-2">
                <div className="font-medium">{i.email}</div>
                <div className="text-xs text-stone-500">Invited; joins on sign-up</div>
              </td>
              <td className="px-4 py-2"><Badge tone="amber">{i.role} · pending</Badge></td>
              <td className="px-4 py-2 text-right">
                {manage && (
                  <Button variant="ghost" size="sm" disabled={pending} onClick={() => run(() => revokeInvitation({ workspace, invitationId: i.id }))}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
