import Link from 'next/link';

/** An invitation or reset link that cannot be used: what went wrong, and a way out. */
export function LinkProblem({ title, message }: { title: string; message: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{title}</h1>
      <p role="alert" className="text-sm text-stone-700">
        {message}
      </p>
      <Link href="/" className="text-sm font-medium text-indigo-700 underline-offset-4 hover:underline">
        Go to Galley
      </Link>
    </div>
  );
}
