import { Badge } from '@/components/ui/badge';
import type { PublishState } from '@/lib/data/prompts';

export function PublishStateBadge({ state, version }: { state: PublishState; version: number | null }) {
  if (state === 'draft')
    return (
      <Badge tone="neutral" title="Never published">
        Draft only
      </Badge>
    );
  if (state === 'published')
    return (
      <Badge tone="green" title="The draft equals what production serves">
        v{version} live
      </Badge>
    );
  return (
    <Badge tone="amber" title="The draft has changes that production does not serve yet">
      v{version} live · draft changed
    </Badge>
  );
}
