'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

// `also` lists sub-paths that belong to a tab (a revision page is part of History).
const TABS: { href: string; label: string; also?: string[] }[] = [
  { href: '', label: 'Editor' },
  { href: '/history', label: 'History', also: ['/revisions'] },
  { href: '/compare', label: 'Compare' },
  { href: '/reviews', label: 'Reviews' },
  { href: '/tests', label: 'Tests' },
  { href: '/releases', label: 'Releases' },
  { href: '/settings', label: 'Settings' },
];

/** The prompt page's sections; later sections (compare, reviews, releases, tests) add entries here. */
export function PromptTabs({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Prompt sections" className="flex gap-1 border-b border-stone-200">
      {TABS.map((t) => {
        const href = `${base}${t.href}`;
        const active = t.href === '' ? pathname === base : [t.href, ...(t.also ?? [])].some((p) => pathname.startsWith(`${base}${p}`));
        return (
          <Link
            key={t.label}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${active ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-stone-600 hover:text-stone-900'}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
