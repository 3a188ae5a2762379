// azure-cli acs _format.py table transformers: the cluster summary of `aks show/list -o table`,
// the node pool summary, and `aks command invoke -o table`.
function clusterRow(r: Record<string, unknown>): Record<string, unknown> {
  return {
    name: r.name,
    location: r.location,
    resourceGroup: r.resourceGroup,
    kubernetesVersion: r.kubernetesVersion,
    currentKubernetesVersion: r.currentKubernetesVersion,
    provisioningState: r.provisioningState,
    fqdn: r.fqdn || r.privateFqdn || null,
  };
}

export function aksShowTable(result: unknown): unknown {
  return [clusterRow(result as Record<string, unknown>)];
}

export function aksListTable(result: unknown): unknown {
  return (result as Record<string, unknown>[]).map(clusterRow);
}

function poolRow(r: Record<string, unknown>): Record<string, unknown> {
  return {
    name: r.name,
    osType: r.osType,
    kubernetesVersion: r.orchestratorVersion,
    vmSize: r.vmSize,
    osDiskSizeGB: r.osDiskSizeGb,
    count: r.count,
    maxPods: r.maxPods,
    provisioningState: r.provisioningState,
    mode: r.mode,
  };
}

export function nodepoolShowTable(result: unknown): unknown {
  return [poolRow(result as Record<string, unknown>)];
}

export function nodepoolListTable(result: unknown): unknown {
  return (result as Record<string, unknown>[]).map(poolRow);
}

export function commandResultTable(result: unknown): unknown {
  const r = result as Record<string, unknown>;
  if (r.provisioningState === 'Succeeded') return { 'exit code': r.exitCode, logs: r.logs };
  if (r.provisioningState === 'Failed') return { 'provisioning state': r.provisioningState, reason: r.reason };
  return { 'provisioning state': r.provisioningState, 'started At': r.startedAt };
}
