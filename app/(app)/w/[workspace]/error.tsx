'use client';

import { useParams } from 'next/navigation';
import { ErrorPanel } from '@/components/ui/error-panel';

// Inside the workspace layout: the header and navigation stay, only the page area fails.
export default function WorkspaceError(props: { error: Error & { digest?: string }; reset: () => void }) {
  const { workspace } = useParams<{ workspace: string }>();
  return <ErrorPanel {...props} homeHref={`/w/${workspace}`} homeLabel="Back to the workspace" />;
}
