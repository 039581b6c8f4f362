'use client';

// The one way a client component calls a server action: pending, the error message, field
// errors, and a result even when the request itself fails (offline, server restarting), so
// no button is ever left stuck on "pending". Actions revalidate what they change, and Next
// applies the refreshed server components with the response: no router.refresh() needed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/action';
import type { FieldErrors } from '@/lib/errors';

export const UNREACHABLE_MESSAGE = 'Could not reach the server. Check your connection and try again; nothing was lost.';

export interface UseActionOptions<I, T> {
  onSuccess?: (data: T, input: I) => void;
  onError?: (result: Extract<ActionResult<T>, { ok: false }>, input: I) => void;
}

export function useAction<I, T>(fn: (input: I) => Promise<ActionResult<T>>, options: UseActionOptions<I, T> = {}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // The latest callbacks, without making `run` change identity on every render.
  const optionsRef = useRef(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  const run = useCallback(
    async (input: I): Promise<ActionResult<T>> => {
      setPending(true);
      setError(null);
      setFieldErrors({});
      let result: ActionResult<T>;
      try {
        result = await fn(input);
      } catch {
        result = { ok: false, error: { code: 'unavailable', message: UNREACHABLE_MESSAGE } };
      } finally {
        setPending(false);
      }
      if (result.ok) {
        optionsRef.current.onSuccess?.(result.data, input);
      } else {
        setError(result.error.message);
        setFieldErrors(result.fieldErrors ?? {});
        optionsRef.current.onError?.(result, input);
      }
      return result;
    },
    [fn],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { run, pending, error, fieldErrors, setError, reset };
}
