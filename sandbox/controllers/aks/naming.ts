// How AKS names what it creates (emulator-facts §3 and exported node resource groups): all
// pure functions, with the "random" parts derived from the world seed and the cluster id so a
// scenario always produces the same names.
import { digitsOf, guidOf, hexOf } from '../../core/hash.ts';

/** azure-cli `_get_default_dns_prefix`: name[:10]-rg[:16]-sub[:6], keeping letters, digits and dashes. */
export function defaultDnsPrefix(name: string, resourceGroup: string, subscriptionId: string): string {
  let namePart = name.replace(/[^A-Za-z0-9-]/g, '').slice(0, 10);
  if (!/^[A-Za-z]/.test(namePart)) namePart = `a${namePart}`.slice(0, 10);
  const groupPart = resourceGroup.replace(/[^A-Za-z0-9-]/g, '').slice(0, 16);
  return `${namePart}-${groupPart}-${subscriptionId.slice(0, 6)}`;
}

/** `MC_<rg>_<name>_<region>`, cut to ARM's 80-character resource group limit. */
export function defaultNodeResourceGroup(resourceGroup: string, name: string, location: string): string {
  return `MC_${resourceGroup}_${name}_${location}`.slice(0, 80);
}

/** The 8 hex characters AKS appends to the DNS prefix in the API server FQDN. */
export function fqdnHash(seed: string, clusterKey: string): string {
  return hexOf(`${seed}/aks-fqdn/${clusterKey}`, 8);
}

export function publicFqdn(label: string, hash: string, location: string): string {
  return `${label.toLowerCase()}-${hash}.hcp.${location}.azmk8s.io`;
}

export function portalFqdn(label: string, hash: string, location: string, privateCluster: boolean, seed: string, clusterKey: string): string {
  if (privateCluster) return `${hexOf(`${seed}/aks-portal/${clusterKey}`, 32)}-priv.portal.hcp.${location}.azmk8s.io`;
  return `${label.toLowerCase()}-${hash}.portal.hcp.${location}.azmk8s.io`;
}

/** The zone AKS creates for `--private-dns-zone system`: a GUID subzone of privatelink.<region>.azmk8s.io. */
export function systemPrivateDnsZoneName(seed: string, clusterKey: string, location: string): string {
  return `${guidOf(`${seed}/aks-private-zone/${clusterKey}`)}.privatelink.${location}.azmk8s.io`;
}

/** The A record's name in the private zone; the private FQDN is `<record>.<zone>`. */
export function privateRecordName(label: string, hash: string): string {
  return `${label.toLowerCase()}-${hash}`;
}

/**
 * The 8 digits AKS puts in node resource names (`aks-managed-resourceNameSuffix`): the VNet,
 * NSG and route table share them.
 */
export function resourceNameSuffix(seed: string, clusterKey: string): string {
  return digitsOf(`${seed}/aks-suffix/${clusterKey}`, 8);
}

/** The 8 digits in every VMSS name of a cluster (`aks-<pool>-<digits>-vmss`). */
export function scaleSetDigits(seed: string, clusterKey: string): string {
  return digitsOf(`${seed}/aks-vmss/${clusterKey}`, 8);
}

export const managedVnetName = (suffix: string): string => `aks-vnet-${suffix}`;
export const nsgName = (suffix: string): string => `aks-agentpool-${suffix}-nsg`;
export const routeTableName = (suffix: string): string => `aks-agentpool-${suffix}-routetable`;
export const vmssName = (pool: string, digits: string): string => `aks-${pool}-${digits}-vmss`;

/** A VMSS instance's computer name, which is the node name: the VMSS name + the instance id in base 36, 6 wide. */
export function computerName(scaleSetName: string, instanceId: number): string {
  return `${scaleSetName}${instanceId.toString(36).padStart(6, '0')}`;
}

/** Node.spec.providerID (CPA azure_vmss.go; the resource group is lower-cased as CPA reports it). */
export function providerId(subscriptionId: string, nodeResourceGroup: string, scaleSetName: string, instanceId: number): string {
  return `azure:///subscriptions/${subscriptionId}/resourceGroups/${nodeResourceGroup.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/${scaleSetName}/virtualMachines/${instanceId}`;
}

// ---- fixed names seen in node resource groups ----

export const MANAGED_VNET_PREFIX = '10.224.0.0/12';
export const MANAGED_SUBNET_NAME = 'aks-subnet';
export const MANAGED_SUBNET_PREFIX = '10.224.0.0/16';
/** API Server VNet Integration in an AKS-managed VNet (a captured `az network vnet subnet show`). */
export const APISERVER_SUBNET_NAME = 'aks-apiserver-subnet';
export const APISERVER_SUBNET_PREFIX = '10.226.0.0/28';
export const APISERVER_DELEGATION_NAME = 'aks-delegation';
export const MANAGED_CLUSTERS_SERVICE = 'Microsoft.ContainerService/managedClusters';
export const CLUSTER_LB_NAME = 'kubernetes';
export const INBOUND_POOL_NAME = 'kubernetes';
export const OUTBOUND_POOL_NAME = 'aksOutboundBackendPool';
export const OUTBOUND_RULE_NAME = 'aksOutboundRule';
export const APISERVER_LB_NAME = 'kube-apiserver';
export const APISERVER_FRONTEND_NAME = 'kube-apiserver-frontend';
export const APISERVER_ENDPOINT_NAME = 'kube-apiserver';
/** Name of the NAT gateway AKS creates for `--outbound-type managedNATGateway` (assumption). */
export const MANAGED_NAT_GATEWAY_NAME = 'aks-natgateway';

/** Tags AKS puts on the managed outbound public IP; editing them makes AKS replace the IP (Azure/AKS#2619). */
export function managedOutboundIpTags(clusterName: string, resourceGroup: string): Record<string, string> {
  return {
    'aks-managed-cluster-name': clusterName,
    'aks-managed-cluster-rg': resourceGroup,
    'aks-managed-type': 'aks-slb-managed-outbound-ip',
  };
}

export function clusterTags(clusterName: string, resourceGroup: string): Record<string, string> {
  return { 'aks-managed-cluster-name': clusterName, 'aks-managed-cluster-rg': resourceGroup };
}
