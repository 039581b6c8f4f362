'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

type Result = { ok: true } | { ok: false; error: { message: string } };

/** Runs a review action, shows its error, and refreshes the page's server data on success. */
export function useReviewAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(call: () => Promise<Result>) {
    setPending(true);
    setError(null);
    const res = await call();
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    router.refresh();
  }

  return { pending, error, run };
}
