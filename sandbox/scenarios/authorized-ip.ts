import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// The public API server only answers the ranges it was told to trust.
export const authorizedIp: ScenarioDefinition = {
  id: 'authorized-ip',
  title: 'API server authorized IP ranges',
  description:
    'A three-node cluster `aks1` whose public API server accepts only the office range 203.0.113.0/24 (plus the cluster\'s own egress IP, which AKS adds itself). Your workstation is not in the office: `az aks get-credentials` works (it talks to Azure Resource Manager), but kubectl gets no answer from the API server.',
  seed: 'authorized-ip',
  files: README_FILE,
  steps: [
    labGroup,
    {
      kind: 'aks',
      request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 3, apiServerAuthorizedIpRanges: ['203.0.113.0/24'] },
    },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(3) },
  ],
  notes:
    'Broken for the learner on purpose: the workstation\'s public address is outside apiServerAccessProfile.authorizedIpRanges, so TCP 443 to the API server\'s public IP is silently dropped — kubectl ends with `dial tcp <ip>:443: i/o timeout`. DNS still resolves the FQDN. Nodes are unaffected (their egress IP is allowed). Fix: add the workstation\'s IP (`curl ifconfig.me`) with `az aks update --api-server-authorized-ip-ranges`, or use `az aks command invoke`.',
};
