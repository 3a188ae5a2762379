// The Kubernetes Node an AKS VMSS instance registers as: AKS's labels, addresses, capacity,
// system info and provider id. Pure: the caller passes everything, including the time.
import { guidOf, hexOf } from '../../core/hash.ts';
import type { Node } from '../../model/k8s/types.ts';
import type { ClusterContext, PoolLayout } from './context.ts';
import { providerId } from './naming.ts';
import { NODE_CONTAINER_RUNTIME, NODE_IMAGE_VERSION, NODE_KERNEL_VERSION, NODE_OS_IMAGE } from './versions.ts';
import { nodeResources } from './vm-sizes.ts';

export interface NodeInput {
  ctx: ClusterContext;
  pool: PoolLayout;
  instanceId: number;
  nodeName: string;
  internalIp: string;
  /** kubenet/overlay: the node's /24; undefined for Azure CNI node subnet and `none`. */
  podCidr?: string;
  seed: string;
  now: string;
}

// Labels a current AKS node carries (kubectl get node --show-labels on AKS).
function labels(input: NodeInput): Record<string, string> {
  const { ctx, pool, nodeName } = input;
  const profile = pool.profile;
  const out: Record<string, string> = {
    agentpool: profile.name,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': profile.vmSize,
    'beta.kubernetes.io/os': 'linux',
    'failure-domain.beta.kubernetes.io/region': ctx.location,
    'failure-domain.beta.kubernetes.io/zone': '0',
    'kubernetes.azure.com/agentpool': profile.name,
    'kubernetes.azure.com/cluster': ctx.nodeResourceGroup,
    'kubernetes.azure.com/mode': profile.mode.toLowerCase(),
    'kubernetes.azure.com/node-image-version': profile.nodeImageVersion || NODE_IMAGE_VERSION,
    'kubernetes.azure.com/nodepool-type': 'VirtualMachineScaleSets',
    'kubernetes.azure.com/os-sku': profile.osSKU,
    'kubernetes.azure.com/role': 'agent',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': nodeName,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/role': 'agent',
    'node-role.kubernetes.io/agent': '',
    'node.kubernetes.io/instance-type': profile.vmSize,
    // Non-zonal pools report zone "0".
    'topology.kubernetes.io/region': ctx.location,
    'topology.kubernetes.io/zone': '0',
  };
  if (ctx.mode === 'overlay') {
    out['kubernetes.azure.com/azure-cni-overlay'] = 'true';
    out['kubernetes.azure.com/podnetwork-type'] = 'overlay';
  }
  for (const [k, v] of Object.entries(profile.nodeLabels ?? {})) out[k] = v;
  return out;
}

export function buildNode(input: NodeInput): Node {
  const { ctx, pool, nodeName, seed, now } = input;
  const resources = nodeResources(pool.profile.vmSize, pool.profile.maxPods);
  const identity = `${seed}/node/${ctx.key}/${nodeName}`;
  const spec: Node['spec'] = {
    providerID: providerId(ctx.subscriptionId, ctx.nodeResourceGroup, pool.vmssName, input.instanceId),
  };
  if (input.podCidr) {
    spec.podCIDR = input.podCidr;
    spec.podCIDRs = [input.podCidr];
  }
  const condition = (type: 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'Ready', status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: labels(input),
      annotations: {
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'disk.csi.azure.com': nodeName, 'file.csi.azure.com': nodeName }),
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      addresses: [
        { type: 'InternalIP', address: input.internalIp },
        { type: 'Hostname', address: nodeName },
      ],
      capacity: resources.capacity,
      allocatable: resources.allocatable,
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: guidOf(`${identity}/boot`),
        containerRuntimeVersion: NODE_CONTAINER_RUNTIME,
        kernelVersion: NODE_KERNEL_VERSION,
        kubeProxyVersion: '',
        kubeletVersion: `v${pool.profile.currentOrchestratorVersion}`,
        machineID: hexOf(`${identity}/machine`, 32),
        operatingSystem: 'linux',
        osImage: NODE_OS_IMAGE,
        systemUUID: guidOf(`${identity}/uuid`),
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}
