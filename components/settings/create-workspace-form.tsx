'use client';

import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { createWorkspace } from '@/lib/actions/workspaces';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export function CreateWorkspaceForm() {
  const router = useRouter();
  const { run, pending, error, fieldErrors } = useAction(createWorkspace, { onSuccess: (data) => router.push(`/w/${data.slug}`) });
  // A message already shown beside its field is not repeated above the form.
  const formError = Object.keys(fieldErrors).length ? null : error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    await run({ name: String(new FormData(e.currentTarget).get('name') ?? '') });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
      <FormError message={formError} />
      <TextField label="Workspace name" name="name" maxLength={200} error={fieldErrors.name} required />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create workspace'}
      </Button>
    </form>
  );
}
