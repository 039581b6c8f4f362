import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ZodJitless } from '@/components/ui/zod-jitless';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Galley', template: '%s · Galley' },
  description: 'Self-hosted prompt manager: freely editable drafts, frozen releases.',
};

// Every page renders per request: its scripts carry the request's CSP nonce (proxy.ts), which
// a page prerendered at build time could not.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <ZodJitless />
        {children}
      </body>
    </html>
  );
}
