import Link from 'next/link';
import { Badge } from '@/components/ui/badge';

export interface PromptHeaderProps {
  workspace: string;
  prompt: {
    slug: string;
    name: string;
    description: string;
    tags: string[];
    headRevision: { number: number } | null;
    releaseCount: number;
  };
}

export function PromptHeader({ workspace, prompt }: PromptHeaderProps) {
  return (
    <div className="space-y-2">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href={`/w/${workspace}`} className="hover:underline">
          Prompts
        </Link>{' '}
        / <span className="font-mono">{prompt.slug}</span>
      </nav>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{prompt.name}</h1>
        {prompt.headRevision && (
          <Badge tone="indigo" title="Draft head revision">
            draft r{prompt.headRevision.number}
          </Badge>
        )}
        <Badge tone={prompt.releaseCount ? 'green' : 'neutral'}>
          {prompt.releaseCount ? `${prompt.releaseCount} release${prompt.releaseCount > 1 ? 's' : ''}` : 'never published'}
        </Badge>
        {prompt.tags.map((t) => (
          <Badge key={t}>{t}</Badge>
        ))}
      </div>
      {prompt.description && <p className="max-w-3xl text-stone-600">{prompt.description}</p>}
    </div>
  );
}
