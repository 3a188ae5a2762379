// az aks get-versions: the Kubernetes versions the simulated AKS offers in a region (the
// kubernetesVersions resource of current API versions: minors with their patches and upgrades).
import { currentVersionOf, DEFAULT_KUBERNETES_VERSION, supportedKubernetesVersions } from '../../../controllers/aks/versions.ts';
import type { CommandSpec } from '../spec.ts';
import { LOCATION, str } from './common.ts';

function versionsTable(result: unknown): unknown {
  const values = (result as { values: { version: string; patchVersions: Record<string, { upgrades: string[] }>; capabilities: { supportPlan: string[] } }[] }).values;
  return values.flatMap((v) =>
    Object.entries(v.patchVersions).map(([patch, info]) => ({
      kubernetesVersion: patch,
      upgrades: info.upgrades.join(', ') || 'None available',
      supportPlan: v.capabilities.supportPlan.join(', '),
    })),
  );
}

export const aksVersionCommands: CommandSpec[] = [
  {
    name: 'aks get-versions',
    summary: 'Get the versions available for creating a managed Kubernetes cluster.',
    args: [{ ...LOCATION, required: true }],
    table: versionsTable,
    examples: [{ name: 'Get the versions available for creating a managed Kubernetes cluster', text: 'az aks get-versions --location westus2' }],
    run(inv) {
      const location = str(inv, 'location') ?? '';
      const minors = supportedKubernetesVersions();
      return {
        result: {
          id: `/subscriptions/${inv.world.state.subscription.id}/providers/Microsoft.ContainerService/locations/${location}/kubernetesVersions/default`,
          name: 'default',
          type: 'Microsoft.ContainerService/locations/kubernetesVersions',
          values: [...minors].reverse().map((minor) => {
            const patch = currentVersionOf(minor);
            const upgrades = minors.filter((m) => m > minor).map(currentVersionOf);
            return {
              capabilities: { supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'] },
              isDefault: minor === DEFAULT_KUBERNETES_VERSION ? true : null,
              isPreview: null,
              patchVersions: { [patch]: { upgrades } },
              version: minor,
            };
          }),
        },
      };
    },
  },
];
