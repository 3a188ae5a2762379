// The whole az command table: every module's commands and the groups they live in.
import type { CommandSpec, GroupSpec } from '../spec.ts';
import { accountCommands } from './account.ts';
import { groupCommands } from './group.ts';
import { aksCommands } from './aks.ts';
import { aksCredentialsCommands } from './aks-credentials.ts';
import { aksInvokeCommands } from './aks-invoke.ts';
import { aksVersionCommands } from './aks-versions.ts';
import { nodepoolCommands } from './aks-nodepool.ts';
import { dnsCommands } from './network-dns.ts';
import { firewallCommands } from './network-firewall.ts';
import { lbCommands } from './network-lb.ts';
import { nicCommands } from './network-nic.ts';
import { nsgCommands } from './network-nsg.ts';
import { routeCommands } from './network-route.ts';
import { vnetCommands } from './network-vnet.ts';

export const AZ_GROUPS: GroupSpec[] = [
  { name: 'account', summary: 'Manage Azure subscription information.' },
  { name: 'group', summary: 'Manage resource groups and template deployments.' },
  { name: 'aks', summary: 'Manage Azure Kubernetes Services.' },
  { name: 'aks command', summary: 'See detail usage in \'az aks command invoke\', \'az aks command result\'.' },
  { name: 'aks nodepool', summary: 'Commands to manage node pools in Kubernetes kubernetes cluster.' },
  { name: 'network', summary: 'Manage Azure Network resources.' },
  { name: 'network vnet', summary: 'Manage Azure Virtual Networks.' },
  { name: 'network vnet subnet', summary: 'Manage subnets in an Azure Virtual Network.' },
  { name: 'network vnet peering', summary: 'Manage peering connections between Azure Virtual Networks.' },
  { name: 'network nsg', summary: 'Manage Azure Network Security Groups (NSGs).' },
  { name: 'network nsg rule', summary: 'Manage network security group rules.' },
  { name: 'network route-table', summary: 'Manage route tables.' },
  { name: 'network route-table route', summary: 'Manage routes in a route table.' },
  { name: 'network lb', summary: 'Manage and configure load balancers.' },
  { name: 'network lb frontend-ip', summary: 'Manage frontend IP addresses of a load balancer.' },
  { name: 'network lb probe', summary: 'Evaluate probe information and define routing rules.' },
  { name: 'network lb rule', summary: 'Manage load balancing rules.' },
  { name: 'network lb outbound-rule', summary: 'Manage outbound rules.' },
  { name: 'network lb address-pool', summary: 'Manage address pools of a load balancer.' },
  { name: 'network public-ip', summary: 'Manage public IP addresses.' },
  { name: 'network nat', summary: 'Commands to manage NAT resources.' },
  { name: 'network nat gateway', summary: 'Commands to manage NAT gateways.' },
  { name: 'network nic', summary: 'Manage network interfaces.' },
  { name: 'network watcher', summary: 'Manage the Azure Network Watcher.' },
  { name: 'network private-endpoint', summary: 'Manage private endpoints.' },
  { name: 'network private-dns', summary: 'Manage Private DNS domains in Azure.' },
  { name: 'network private-dns zone', summary: 'Manage Private DNS zones.' },
  { name: 'network private-dns link', summary: 'Manage Private DNS links.' },
  { name: 'network private-dns link vnet', summary: 'Manage virtual network links to the specified Private DNS zone.' },
  { name: 'network private-dns record-set', summary: 'Manage Private DNS records and record sets.' },
  { name: 'network private-dns record-set a', summary: 'Manage Private DNS A records.' },
  { name: 'network firewall', summary: 'Manage and configure Azure Firewalls.' },
  { name: 'network firewall network-rule', summary: 'Manage and configure Azure Firewall network rules.' },
  { name: 'network firewall application-rule', summary: 'Manage and configure Azure Firewall application rules.' },
  { name: 'network firewall ip-config', summary: 'Manage and configure Azure Firewall IP configurations.' },
  { name: 'vmss', summary: 'Manage groupings of virtual machines in an Azure Virtual Machine Scale Set (VMSS).' },
  { name: 'vmss nic', summary: 'Manage network interfaces of a VMSS.' },
];

export const AZ_COMMANDS: CommandSpec[] = [
  ...accountCommands,
  ...groupCommands,
  ...aksCommands,
  ...aksCredentialsCommands,
  ...aksInvokeCommands,
  ...aksVersionCommands,
  ...nodepoolCommands,
  ...vnetCommands,
  ...nsgCommands,
  ...routeCommands,
  ...lbCommands,
  ...nicCommands,
  ...dnsCommands,
  ...firewallCommands,
];
