import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-stone-600">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="text-indigo-700 underline underline-offset-4">
        Back to your workspaces
      </Link>
    </main>
  );
}
