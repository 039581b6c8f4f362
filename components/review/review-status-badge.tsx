import { Badge } from '@/components/ui/badge';

const STATUS = {
  open: { tone: 'indigo', title: 'Waiting for decisions' },
  closed: { tone: 'neutral', title: 'Closed without publishing' },
  published: { tone: 'green', title: 'Published as a release' },
} as const;

export function ReviewStatusBadge({ status }: { status: string }) {
  const s = STATUS[status as keyof typeof STATUS] ?? STATUS.closed;
  return (
    <Badge tone={s.tone} title={s.title}>
      {status}
    </Badge>
  );
}

/** The review's revision is no longer the draft head: decisions on it may not match what would be published. */
export function OutdatedBadge({ headNumber }: { headNumber: number | null }) {
  if (headNumber === null) return null;
  return (
    <Badge tone="amber" title="The draft moved on after this review was requested">
      outdated: draft is now r{headNumber}
    </Badge>
  );
}
