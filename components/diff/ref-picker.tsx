'use client';

import { useRouter } from 'next/navigation';
import { useId, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

export interface RefOption {
  value: string;
  label: string;
}

export interface RefPickerProps {
  /** The compare page's path, e.g. /w/acme/prompts/greeter/compare. */
  path: string;
  /** The current sides; null when the URL named something that does not exist. */
  from: string | null;
  to: string | null;
  releases: RefOption[];
  revisions: RefOption[];
}

const LIVE: RefOption[] = [
  { value: 'production', label: 'Production (what is served now)' },
  { value: 'draft', label: 'Draft head' },
];

/** Two selects that put the comparison in the URL, so any comparison can be shared. */
export function RefPicker({ path, from, to, releases, revisions }: RefPickerProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const go = (next: { from: string | null; to: string | null }) => {
    const params = new URLSearchParams({ from: next.from ?? 'production', to: next.to ?? 'draft' });
    startTransition(() => router.push(`${path}?${params}`));
  };
  return (
    <div className="flex flex-wrap items-end gap-3" aria-busy={pending}>
      <RefSelect label="From" value={from} onChange={(v) => go({ from: v, to })} releases={releases} revisions={revisions} />
      <Button
        variant="ghost"
        size="sm"
        onClick={() => go({ from: to, to: from })}
        disabled={pending || !from || !to}
        aria-label="Swap sides"
        className="mb-1"
      >
        ⇄ Swap
      </Button>
      <RefSelect label="To" value={to} onChange={(v) => go({ from, to: v })} releases={releases} revisions={revisions} />
      {pending && <span className="mb-2 text-xs text-stone-500">Loading…</span>}
    </div>
  );
}

function RefSelect({
  label,
  value,
  onChange,
  releases,
  revisions,
}: {
  label: string;
  value: string | null;
  onChange: (value: string) => void;
  releases: RefOption[];
  revisions: RefOption[];
}) {
  const id = useId();
  // A revision or release older than the lists still shows as the selected value.
  const listed = [...LIVE, ...releases, ...revisions].some((o) => o.value === value);
  return (
    <div className="min-w-56 flex-1 space-y-1 sm:max-w-sm">
      <label htmlFor={id} className="block text-xs font-medium text-stone-600">
        {label}
      </label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} className={inputClass}>
        {value === null && (
          <option value="" disabled>
            Choose a revision or release…
          </option>
        )}
        {value !== null && !listed && <option value={value}>{value}</option>}
        <optgroup label="Live">
          {LIVE.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
        {releases.length > 0 && (
          <optgroup label="Releases">
            {releases.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        )}
        <optgroup label="Revisions">
          {revisions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
