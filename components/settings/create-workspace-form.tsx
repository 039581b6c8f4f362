'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createWorkspace } from '@/lib/actions/workspaces';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const res = await createWorkspace({ name: String(new FormData(e.currentTarget).get('name') ?? '') });
    setPending(false);
    if (!res.ok) {
      setFieldErrors(res.fieldErrors ?? {});
      setError(res.fieldErrors ? null : res.error.message);
      return;
    }
    router.push(`/w/${res.data.slug}`);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
      <FormError message={error} />
      <TextField label="Workspace name" name="name" maxLength={200} error={fieldErrors.name} required />
      <Button type="submit" disabled={pending}>{pending ? 'Creating…' : 'Create workspace'}</Button>
    </form>
  );
}
