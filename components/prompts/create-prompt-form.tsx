'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createPrompt } from '@/lib/actions/prompts';
import { Button } from '@/components/ui/button';
import { FormError, TextAreaField, TextField } from '@/components/ui/field';
import { slugify } from '@/lib/domain/slug';
import type { FieldErrors } from '@/lib/errors';

export function CreatePromptForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const tags = String(form.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    setPending(true);
    const res = await createPrompt({ workspace, name, slug, description: String(form.get('description') ?? ''), tags });
    setPending(false);
    if (!res.ok) {
      setFieldErrors(res.fieldErrors ?? {});
      setError(res.fieldErrors ? null : res.error.message);
      return;
    }
    router.push(`/w/${workspace}/prompts/${res.data.slug}`);
  }

  const tagErrors = Object.entries(fieldErrors).filter(([k]) => k.startsWith('tags')).flatMap(([, v]) => v);
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6" noValidate>
      <FormError message={error} />
      <TextField
        label="Name"
        name="name"
        value={name}
        maxLength={300}
        error={fieldErrors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugTouched) setSlug(slugify(e.target.value));
        }}
        required
      />
      <TextField
        label="Slug"
        name="slug"
        value={slug}
        maxLength={100}
        error={fieldErrors.slug}
        hint="Applications fetch the prompt by this name. Lowercase letters, digits and dashes."
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
        className="font-mono"
        required
      />
      <TextAreaField label="Description" name="description" rows={3} maxLength={4000} error={fieldErrors.description} />
      <TextField label="Tags" name="tags" placeholder="support, billing" hint="Comma-separated." error={tagErrors.length ? tagErrors : undefined} />
      <div className="flex justify-end gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create prompt'}
        </Button>
      </div>
    </form>
  );
}
