'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { inputClass } from '@/components/ui/field';

/** Search by name, slug or tag; the query lives in the URL so results are shareable. */
export function PromptSearch({ initial }: { initial: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [q, setQ] = useState(initial);

  useEffect(() => {
    if (q === initial) return;
    const t = setTimeout(() => router.replace(q ? `${pathname}?q=${encodeURIComponent(q)}` : pathname), 250);
    return () => clearTimeout(t);
  }, [q, initial, pathname, router]);

  return (
    <input
      type="search"
      aria-label="Search prompts"
      placeholder="Search name, slug or tag"
      value={q}
      maxLength={100}
      onChange={(e) => setQ(e.target.value)}
      className={`${inputClass} w-64`}
    />
  );
}
