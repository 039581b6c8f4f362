'use client';

// What an error boundary shows: a plain apology, the reference that ties it to the one log
// line the server wrote (Next's digest, logged by instrumentation.ts's onRequestError), and
// a retry that keeps the user's place (the layouts around the boundary stay mounted).
import Link from 'next/link';
import { Button } from './button';

export interface ErrorPanelProps {
  error: Error & { digest?: string };
  reset: () => void;
  homeHref?: string;
  homeLabel?: string;
}

export function ErrorPanel({ error, reset, homeHref = '/', homeLabel = 'Back to your workspaces' }: ErrorPanelProps) {
  return (
    <main role="alert" className="mx-auto flex min-h-[40vh] max-w-md flex-col items-center justify-center gap-3 text-center">
      <p className="text-sm font-semibold text-red-700">Error</p>
      <h1 className="text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="text-stone-600">
        Your saved work is safe. Try again; if it keeps happening, give this reference to your administrator.
      </p>
      {error.digest && (
        <p className="font-mono text-sm text-stone-700" data-testid="error-reference">
          Reference: {error.digest}
        </p>
      )}
      <div className="flex gap-3">
        <Button onClick={reset}>Try again</Button>
        <Link href={homeHref} className="self-center text-indigo-700 underline underline-offset-4">
          {homeLabel}
        </Link>
      </div>
    </main>
  );
}
