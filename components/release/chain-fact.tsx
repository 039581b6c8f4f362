import type { ChainStepView } from '@/lib/data/approval-chain';
import { Fact } from './deployment-facts';

/** The approval chain in the Publish bar: stages done of all, and the one that is open. */
export function ChainFact({ steps }: { steps: ChainStepView[] }) {
  const done = steps.filter((s) => s.state === 'done').length;
  const current = steps.find((s) => s.state === 'current');
  return (
    <Fact label="Approval chain">
      {done} of {steps.length} stages{current ? ` · ${current.name}: ${current.approvedBy.length} of ${current.required}` : ''}
    </Fact>
  );
}
