// The arguments of `az aks create` / `az aks update` (azure-cli acs _params.py) and how they map
// onto the AKS engine's requests.
import { cliError, type AzureError } from '../../../model/azure/errors.ts';
import type { ManagedCluster } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import type { AksCreateRequest } from '../../../controllers/aks/request.ts';
import type { AksUpdateRequest } from '../../../controllers/aks/update-cluster.ts';
import { supportedKubernetesVersions } from '../../../controllers/aks/versions.ts';
import type { ArgSpec, AzInvocation } from '../spec.ts';
import { flag, LOCATION, nameArg, NO_WAIT, num, parseTags, RESOURCE_GROUP, str, TAGS, YES } from './common.ts';

export function clusterNames(world: World): string[] {
  return world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters').map((c) => c.name).sort();
}

export const CLUSTER_NAME = nameArg('Name of the managed cluster.', { complete: clusterNames });

const OUTBOUND_TYPES = ['loadBalancer', 'userDefinedRouting', 'managedNATGateway', 'userAssignedNATGateway', 'none', 'block'];

const AUTHORIZED: ArgSpec = {
  dest: 'api_server_authorized_ip_ranges',
  options: ['--api-server-authorized-ip-ranges'],
  help: 'Comma-separated list of authorized apiserver IP ranges. Set to 0.0.0.0/32 to restrict apiserver traffic to node pools.',
};

const LB_ARGS: ArgSpec[] = [
  { dest: 'load_balancer_managed_outbound_ip_count', options: ['--load-balancer-managed-outbound-ip-count'], kind: 'int', help: 'Load balancer managed outbound IP count.' },
  { dest: 'load_balancer_outbound_ips', options: ['--load-balancer-outbound-ips'], help: 'Load balancer outbound IP resource IDs.' },
  { dest: 'load_balancer_outbound_ip_prefixes', options: ['--load-balancer-outbound-ip-prefixes'], help: 'Load balancer outbound IP prefix resource IDs.' },
  { dest: 'load_balancer_outbound_ports', options: ['--load-balancer-outbound-ports'], kind: 'int', help: 'Load balancer outbound allocated ports.' },
  { dest: 'load_balancer_idle_timeout', options: ['--load-balancer-idle-timeout'], kind: 'int', help: 'Load balancer idle timeout in minutes.' },
  { dest: 'nat_gateway_managed_outbound_ip_count', options: ['--nat-gateway-managed-outbound-ip-count'], kind: 'int', help: 'NAT gateway managed outbound IP count.' },
  { dest: 'nat_gateway_idle_timeout', options: ['--nat-gateway-idle-timeout'], kind: 'int', help: 'NAT gateway idle timeout in minutes.' },
  { dest: 'outbound_type', options: ['--outbound-type'], choices: OUTBOUND_TYPES, help: 'How outbound traffic will be configured for a cluster.' },
];

export const CREATE_ARGS: ArgSpec[] = [
  RESOURCE_GROUP,
  CLUSTER_NAME,
  LOCATION,
  { dest: 'kubernetes_version', options: ['--kubernetes-version', '-k'], help: 'Version of Kubernetes to use for creating the cluster, such as "1.7.12" or "1.8.7".', complete: supportedKubernetesVersions },
  { dest: 'node_count', options: ['--node-count', '-c'], kind: 'int', default: 3, help: 'Number of nodes in the Kubernetes node pool. After creating a cluster, you can change the size of its node pool with `az aks scale`.' },
  { dest: 'node_vm_size', options: ['--node-vm-size', '-s'], help: 'Size of Virtual Machines to create as Kubernetes nodes.' },
  { dest: 'nodepool_name', options: ['--nodepool-name'], default: 'nodepool1', help: 'Node pool name, up to 12 alphanumeric characters.' },
  { dest: 'max_pods', options: ['--max-pods', '-m'], kind: 'int', help: 'The maximum number of pods deployable to a node.' },
  { dest: 'dns_name_prefix', options: ['--dns-name-prefix', '-p'], help: 'Prefix for hostnames that are created. If not specified, generate a hostname using the managed cluster and resource group names.' },
  { dest: 'node_resource_group', options: ['--node-resource-group'], help: 'The node resource group is the resource group where all customer\'s resources will be created in, such as virtual machines.' },
  { dest: 'network_plugin', options: ['--network-plugin'], choices: ['azure', 'kubenet', 'none'], help: 'The Kubernetes network plugin to use.' },
  { dest: 'network_plugin_mode', options: ['--network-plugin-mode'], choices: ['overlay'], help: 'The network plugin mode to use.' },
  { dest: 'network_policy', options: ['--network-policy'], choices: ['azure', 'calico', 'cilium', 'none'], help: 'The Kubernetes network policy to use.' },
  { dest: 'network_dataplane', options: ['--network-dataplane'], choices: ['azure', 'cilium'], help: 'The network dataplane to use.' },
  { dest: 'pod_cidr', options: ['--pod-cidr'], help: 'A CIDR notation IP range from which to assign pod IPs when kubenet is used.' },
  { dest: 'service_cidr', options: ['--service-cidr'], help: 'A CIDR notation IP range from which to assign service cluster IPs.' },
  { dest: 'dns_service_ip', options: ['--dns-service-ip'], help: 'An IP address assigned to the Kubernetes DNS service.' },
  { dest: 'vnet_subnet_id', options: ['--vnet-subnet-id'], help: 'The ID of a subnet in an existing VNet into which to deploy the cluster.' },
  { dest: 'pod_subnet_id', options: ['--pod-subnet-id'], help: 'The ID of a subnet in an existing VNet into which to assign pods in the cluster (requires azure network-plugin).' },
  { dest: 'load_balancer_sku', options: ['--load-balancer-sku'], choices: ['basic', 'standard'], help: 'Azure Load Balancer SKU selection for your cluster. basic or standard.' },
  ...LB_ARGS,
  AUTHORIZED,
  { dest: 'enable_private_cluster', options: ['--enable-private-cluster'], kind: 'flag', help: 'Enable private cluster.' },
  { dest: 'private_dns_zone', options: ['--private-dns-zone'], help: 'Private dns zone mode for private cluster.' },
  { dest: 'fqdn_subdomain', options: ['--fqdn-subdomain'], help: 'Prefix for FQDN that is created for private cluster with custom private dns zone scenario.' },
  { dest: 'disable_public_fqdn', options: ['--disable-public-fqdn'], kind: 'flag', help: 'Disable public fqdn feature for private cluster.' },
  { dest: 'enable_apiserver_vnet_integration', options: ['--enable-apiserver-vnet-integration'], kind: 'flag', help: 'Enable integration of user vnet with control plane apiserver pods.' },
  { dest: 'apiserver_subnet_id', options: ['--apiserver-subnet-id'], help: 'The ID of a subnet in an existing VNet into which to assign control plane apiserver pods(requires --enable-apiserver-vnet-integration).' },
  { dest: 'generate_ssh_keys', options: ['--generate-ssh-keys'], kind: 'flag', help: 'Generate SSH public and private key files if missing. The keys will be stored in the ~/.ssh directory.' },
  { dest: 'ssh_key_value', options: ['--ssh-key-value'], help: 'Public key path or key contents to install on node VMs for SSH access. For example, \'ssh-rsa AAAAB...snip...UcyupgH azureuser@linuxvm\'.' },
  { dest: 'no_ssh_key', options: ['--no-ssh-key', '-x'], kind: 'flag', help: 'Do not use or create a local SSH key.' },
  { dest: 'admin_username', options: ['--admin-username', '-u'], default: 'azureuser', help: 'User account to create on node VMs for SSH access.' },
  { dest: 'enable_managed_identity', options: ['--enable-managed-identity'], kind: 'flag', help: 'Using a system assigned managed identity to manage cluster resource group.' },
  { dest: 'tier', options: ['--tier'], choices: ['free', 'standard', 'premium'], help: 'Specify SKU tier for managed clusters.' },
  { dest: 'zones', options: ['--zones', '-z'], kind: 'list', help: 'Space-separated list of availability zones where agent nodes will be placed.' },
  { dest: 'enable_addons', options: ['--enable-addons', '-a'], help: 'Enable the Kubernetes addons in a comma-separated list.' },
  { dest: 'attach_acr', options: ['--attach-acr'], help: 'Grant the \'acrpull\' role assignment to the ACR specified by name or resource ID.' },
  TAGS,
  NO_WAIT,
  YES,
];

export const UPDATE_ARGS: ArgSpec[] = [
  RESOURCE_GROUP,
  CLUSTER_NAME,
  AUTHORIZED,
  ...LB_ARGS,
  { dest: 'enable_public_fqdn', options: ['--enable-public-fqdn'], kind: 'flag', help: 'Enable public fqdn feature for private cluster.' },
  { dest: 'disable_public_fqdn', options: ['--disable-public-fqdn'], kind: 'flag', help: 'Disable public fqdn feature for private cluster.' },
  { dest: 'enable_run_command', options: ['--enable-run-command'], kind: 'flag', help: 'Enable run command for the cluster.' },
  { dest: 'disable_run_command', options: ['--disable-run-command'], kind: 'flag', help: 'Disable run command for the cluster.' },
  { dest: 'tier', options: ['--tier'], choices: ['free', 'standard', 'premium'], help: 'Specify SKU tier for managed clusters.' },
  TAGS,
  NO_WAIT,
  YES,
];

/** azure-cli _validators.validate_ip_ranges. */
export function authorizedRanges(text: string | undefined): string[] | AzureError | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') return [];
  const ranges = text.split(',').map((s) => s.trim());
  if (ranges.includes('0.0.0.0/32') && ranges.length > 1) {
    return cliError('CLIError', 'Setting --api-server-authorized-ip-ranges to 0.0.0.0/32 is not allowed with other IP ranges.Refer to https://aka.ms/aks/whitelist for more details');
  }
  if (ranges.includes('0.0.0.0/0')) {
    return cliError('CLIError', 'Setting --api-server-authorized-ip-ranges to 0.0.0.0/0 is not allowed. Refer to https://aka.ms/aks/whitelist for more details');
  }
  for (const range of ranges) {
    if (range === '0.0.0.0/32') continue;
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(range);
    const octets = m ? m.slice(1, 5).map(Number) : [];
    if (!m || octets.some((o) => o > 255) || (m[5] !== undefined && Number(m[5]) > 32)) {
      return cliError('CLIError', '--api-server-authorized-ip-ranges should be a list of IPv4 addresses or CIDRs');
    }
    const [a, b] = octets as [number, number];
    const reserved = a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
    if (reserved) return cliError('CLIError', '--api-server-authorized-ip-ranges must be global non-reserved addresses or CIDRs');
  }
  return ranges;
}

export function createRequest(inv: AzInvocation): AksCreateRequest | AzureError {
  const request: AksCreateRequest = { resourceGroup: str(inv, 'resource_group_name')!, name: str(inv, 'name')! };
  const set = <K extends keyof AksCreateRequest>(key: K, value: AksCreateRequest[K] | undefined) => {
    if (value !== undefined) request[key] = value;
  };
  set('location', str(inv, 'location'));
  set('kubernetesVersion', str(inv, 'kubernetes_version'));
  set('nodeCount', num(inv, 'node_count'));
  set('nodeVmSize', str(inv, 'node_vm_size'));
  set('nodepoolName', str(inv, 'nodepool_name'));
  set('maxPods', num(inv, 'max_pods'));
  set('dnsNamePrefix', str(inv, 'dns_name_prefix'));
  set('nodeResourceGroup', str(inv, 'node_resource_group'));
  set('networkPlugin', str(inv, 'network_plugin') as AksCreateRequest['networkPlugin']);
  set('networkPluginMode', str(inv, 'network_plugin_mode') as AksCreateRequest['networkPluginMode']);
  set('networkPolicy', str(inv, 'network_policy') as AksCreateRequest['networkPolicy']);
  set('networkDataplane', str(inv, 'network_dataplane') as AksCreateRequest['networkDataplane']);
  set('podCidr', str(inv, 'pod_cidr'));
  set('serviceCidr', str(inv, 'service_cidr'));
  set('dnsServiceIp', str(inv, 'dns_service_ip'));
  set('vnetSubnetId', str(inv, 'vnet_subnet_id'));
  set('outboundType', str(inv, 'outbound_type') as AksCreateRequest['outboundType']);
  set('loadBalancerSku', str(inv, 'load_balancer_sku') as AksCreateRequest['loadBalancerSku']);
  set('loadBalancerManagedOutboundIpCount', num(inv, 'load_balancer_managed_outbound_ip_count'));
  set('loadBalancerOutboundPorts', num(inv, 'load_balancer_outbound_ports'));
  set('loadBalancerIdleTimeout', num(inv, 'load_balancer_idle_timeout'));
  set('natGatewayManagedOutboundIpCount', num(inv, 'nat_gateway_managed_outbound_ip_count'));
  set('natGatewayIdleTimeout', num(inv, 'nat_gateway_idle_timeout'));
  if (flag(inv, 'enable_private_cluster')) request.enablePrivateCluster = true;
  set('privateDnsZone', str(inv, 'private_dns_zone'));
  set('fqdnSubdomain', str(inv, 'fqdn_subdomain'));
  if (flag(inv, 'disable_public_fqdn')) request.disablePublicFqdn = true;
  if (flag(inv, 'enable_apiserver_vnet_integration')) request.enableApiserverVnetIntegration = true;
  set('apiserverSubnetId', str(inv, 'apiserver_subnet_id'));
  set('tags', parseTags(inv.args.tags));
  const ranges = authorizedRanges(str(inv, 'api_server_authorized_ip_ranges'));
  if (ranges && !Array.isArray(ranges)) return ranges;
  set('apiServerAuthorizedIpRanges', ranges);
  return request;
}

export function updateRequest(inv: AzInvocation): AksUpdateRequest | AzureError {
  const request: AksUpdateRequest = {};
  const ranges = authorizedRanges(str(inv, 'api_server_authorized_ip_ranges'));
  if (ranges && !Array.isArray(ranges)) return ranges;
  if (ranges) request.apiServerAuthorizedIpRanges = ranges;
  if (flag(inv, 'enable_public_fqdn')) request.enablePublicFqdn = true;
  if (flag(inv, 'disable_public_fqdn')) request.disablePublicFqdn = true;
  const count = num(inv, 'load_balancer_managed_outbound_ip_count');
  if (count !== undefined) request.loadBalancerManagedOutboundIpCount = count;
  const ports = num(inv, 'load_balancer_outbound_ports');
  if (ports !== undefined) request.loadBalancerOutboundPorts = ports;
  const idle = num(inv, 'load_balancer_idle_timeout');
  if (idle !== undefined) request.loadBalancerIdleTimeout = idle;
  const outbound = str(inv, 'outbound_type');
  if (outbound) request.outboundType = outbound as AksUpdateRequest['outboundType'] & string;
  if (flag(inv, 'disable_run_command')) request.disableRunCommand = true;
  if (flag(inv, 'enable_run_command')) request.disableRunCommand = false;
  const tags = parseTags(inv.args.tags);
  if (tags) request.tags = tags;
  return request;
}
