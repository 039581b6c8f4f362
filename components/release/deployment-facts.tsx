// The facts a deployment line shows (Production, Draft, Staging, Canary…), written once for
// the publish bar and the revision page.
import type { ReactNode } from 'react';
import type { DeploymentsDTO } from '@/lib/data/deployments';

export function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <dt>{label}</dt>
      <dd className="font-medium text-stone-900">{children}</dd>
    </div>
  );
}

export function StagingFact({ deployments }: { deployments: DeploymentsDTO }) {
  return <Fact label="Staging">{deployments.staging ? `r${deployments.staging.revisionNumber}` : 'nothing staged'}</Fact>;
}

export function CanaryFact({ deployments }: { deployments: DeploymentsDTO }) {
  if (!deployments.canary) return null;
  return (
    <Fact label="Canary">
      v{deployments.canary.version} at {deployments.canary.percent}%
    </Fact>
  );
}
