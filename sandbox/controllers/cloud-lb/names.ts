// The names cloud-provider-azure gives the Azure objects it makes for a Service, and the
// constants AKS configures it with. Sources: CPA pkg/consts/consts.go, azure_standard.go
// (getLoadBalancerRuleName, getPublicIPName), k8s.io/cloud-provider DefaultLoadBalancerName.
import type { Service } from '../../model/k8s/types.ts';

/** AKS runs the cloud provider with clusterName "kubernetes", whatever the cluster is called. */
export const CLUSTER_NAME = 'kubernetes';
export const PUBLIC_LB_NAME = CLUSTER_NAME;
export const INTERNAL_LB_NAME = `${CLUSTER_NAME}-internal`;
/** IPv4 backend pool of both cluster load balancers (getBackendPoolName). */
export const BACKEND_POOL_NAME = CLUSTER_NAME;

/** The finalizer the service controller puts on LoadBalancer Services (servicehelper.LoadBalancerCleanupFinalizer). */
export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
export const EVENT_SOURCE = 'service-controller';

export const PIP_TAG_SERVICE = 'k8s-azure-service';
export const PIP_TAG_CLUSTER = 'k8s-azure-cluster-name';

/** Azure's probe source: the AzureLoadBalancer service tag is this one address. */
export const AZURE_PROBE_SOURCE_IP = '168.63.129.16';

/** "a" + the UID without dashes, cut to 32 characters (cloudprovider.DefaultLoadBalancerName). */
export function baseName(svc: Service): string {
  return `a${svc.metadata.uid.replace(/-/g, '')}`.slice(0, 32);
}

/** Frontend IP configuration name; an internal-subnet annotation appends the subnet (getDefaultFrontendIPConfigName). */
export function frontendName(svc: Service, internalSubnet: string | undefined): string {
  const base = baseName(svc);
  if (!internalSubnet) return base;
  let name = `${base}-${internalSubnet}`;
  // 80-character limit minus room for an "-IPv4"/"-IPv6" suffix; a cut name must not end in a non-letter.
  if (name.length > 75) {
    name = name.slice(0, 75);
    if (!/[A-Za-z_]$/.test(name)) name = `${name.slice(0, -1)}_`;
  }
  return name;
}

/** `<base>-<PROTO>-<port>`, or `<base>-<subnet>-<PROTO>-<port>` with an internal-subnet annotation. */
export function ruleName(svc: Service, protocol: string, port: number, internalSubnet: string | undefined): string {
  const base = baseName(svc);
  const plain = `${base}-${protocol}-${port}`;
  if (!internalSubnet) return plain;
  // Rule names are limited to 80 characters (75 leaves room for an IP-family suffix).
  const room = 75 - plain.length - 1;
  return `${base}-${internalSubnet.slice(0, Math.max(0, room))}-${protocol}-${port}`;
}

/** `kubernetes-<base>` (getPublicIPName, no prefix annotation). */
export function publicIpName(svc: Service): string {
  return `${CLUSTER_NAME}-${baseName(svc)}`.slice(0, 75);
}

/** True when a rule or probe name belongs to the Service (serviceOwnsRule: case-insensitive prefix). */
export function ownsName(svc: Service, name: string): boolean {
  return name.toUpperCase().startsWith(baseName(svc).toUpperCase());
}

export function serviceKey(svc: { metadata: { namespace?: string; name: string } }): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

export function lbId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/loadBalancers/${name}`;
}

export function publicIpId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/publicIPAddresses/${name}`;
}

/** The resource group segment of an ARM id, as written in the id. */
export function resourceGroupOf(id: string): string {
  const m = /\/resourceGroups\/([^/]+)/i.exec(id);
  return m ? m[1]! : '';
}

export function lastSegment(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}
