'use client';

import './globals.css';
import { ErrorPanel } from '@/components/ui/error-panel';

// Replaces the root layout when it fails itself, so it brings its own <html> and <body>.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <ErrorPanel {...props} />
      </body>
    </html>
  );
}
