'use client';

import { useState, type FormEvent } from 'react';
import { updateName } from '@/lib/actions/account';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export function NameForm({ name }: { name: string }) {
  const [saved, setSaved] = useState(false);
  const { run, pending, error, fieldErrors } = useAction(updateName, { onSuccess: () => setSaved(true) });
  const formError = Object.keys(fieldErrors).length ? null : error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSaved(false);
    await run({ name: String(new FormData(e.currentTarget).get('name') ?? '') });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <FormError message={formError} />
      <TextField label="Name" name="name" autoComplete="name" defaultValue={name} maxLength={200} error={fieldErrors.name} required />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save name'}
        </Button>
        {saved && (
          <p role="status" className="text-sm text-emerald-700">
            Name saved.
          </p>
        )}
      </div>
    </form>
  );
}
