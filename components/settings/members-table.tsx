'use client';

import { useState } from 'react';
import { changeRole, issuePasswordReset, removeMember, revokeInvitation } from '@/lib/actions/members';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/action';
import type { Role } from '@/lib/authz-rules';
import type { InvitationDTO, MemberDTO } from '@/lib/data/members';
import { formatUtc } from '@/lib/domain/history';
import { RoleSelect } from './role-select';

interface Props {
  workspace: string;
  members: MemberDTO[];
  invitations: InvitationDTO[];
  currentUserId: string;
  manage: boolean;
}

export function MembersTable({ workspace, members, invitations, currentUserId, manage }: Props) {
  // Four actions, one row of controls: they share the pending state and the error slot.
  const { run, pending, error } = useAction((call: () => Promise<ActionResult<unknown>>) => call());
  const [resetLink, setResetLink] = useState<{ email: string; url: string; expiresAt: Date } | null>(null);

  async function issueReset(m: MemberDTO) {
    setResetLink(null);
    const res = await run(() => issuePasswordReset({ workspace, membershipId: m.membershipId }));
    if (!res.ok) return;
    const { path, expiresAt } = res.data as { path: string; expiresAt: Date };
    setResetLink({ email: m.email, url: new URL(path, window.location.origin).href, expiresAt: new Date(expiresAt) });
  }

  return (
    <div className="space-y-3">
      <FormError message={error} />
      {resetLink && (
        <CopyOnceBox
          region="Password reset link"
          inputLabel="Password reset link"
          value={resetLink.url}
          testId="password-reset-link"
          onDone={() => setResetLink(null)}
        >
          <p>Password reset link for {resetLink.email}. Copy it now and give it to them; it will not be shown again.</p>
          <p className="font-normal">It sets a new password once, until {formatUtc(resetLink.expiresAt)}, and signs them out everywhere.</p>
        </CopyOnceBox>
      )}
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
                <div className="font-medium">
                  {m.name ?? m.email}
                  {m.userId === currentUserId && <span className="text-stone-500"> (you)</span>}
                </div>
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
                  <div className="flex justify-end gap-2">
                    {m.userId !== currentUserId && (
                      <Button
                        variant="ghost"
                        size="sm"
                        disabled={pending}
                        aria-label={`Reset password of ${m.email}`}
                        onClick={() => issueReset(m)}
                      >
                        Reset password
                      </Button>
                    )}
                    <Button
                      variant="danger"
                      size="sm"
                      disabled={pending}
                      onClick={() => run(() => removeMember({ workspace, membershipId: m.membershipId }))}
                    >
                      Remove
                    </Button>
                  </div>
                )}
              </td>
            </tr>
          ))}
          {invitations.map((i) => (
            <tr key={i.id} data-testid={`invitation-${i.email}`}>
              <td className="px-4 py-2">
                <div className="font-medium">{i.email}</div>
                <div className="text-xs text-stone-500">
                  {i.expired
                    ? `Link expired ${formatUtc(i.expiresAt)}; invite again for a new one`
                    : `Invited; link works until ${formatUtc(i.expiresAt)}`}
                </div>
              </td>
              <td className="px-4 py-2">
                <Badge tone={i.expired ? 'red' : 'amber'}>
                  {i.role} · {i.expired ? 'expired' : 'pending'}
                </Badge>
              </td>
              <td className="px-4 py-2 text-right">
                {manage && (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={pending}
                    aria-label={`Revoke invitation of ${i.email}`}
                    onClick={() => run(() => revokeInvitation({ workspace, invitationId: i.id }))}
                  >
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
