import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 1: allow rules that cover only part of the node subnet above a deny-all.
export const caseNodesNotReady: ScenarioDefinition = {
  id: 'case-nodes-notready',
  title: 'Case: some nodes go NotReady',
  description:
    'Six nodes of `aks1` share the subnet `aks-subnet` (172.16.5.0/24) of `vnet-prod` and its NSG `aks-subnet-nsg`. After the security team "hardened" that NSG, two of the nodes went NotReady and stayed there; the other four are fine. Find out why only those two.',
  seed: 'case-nodes-notready',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'nsg', group: 'rg-lab', name: 'aks-subnet-nsg' },
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-prod',
      addressPrefixes: ['172.16.0.0/16'],
      subnets: [{ name: 'aks-subnet', addressPrefix: '172.16.5.0/24', nsg: 'rg-lab/aks-subnet-nsg' }],
    },
    {
      kind: 'aks',
      request: {
        resourceGroup: 'rg-lab',
        name: 'aks1',
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        nodeCount: 6,
        vnetSubnetId: 'rg-lab/vnet-prod/aks-subnet',
      },
    },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(6) },
    // The hardening: traffic inside the VNet stays open, egress is allowed for 172.16.5.0/29 only
    // (written when the pool had four nodes), and everything else leaving the subnet is denied.
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'AllowVnetOutbound', priority: 100, direction: 'Outbound', access: 'Allow', protocol: '*', source: 'VirtualNetwork', destination: 'VirtualNetwork' },
    },
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'AllowAzureCloudHttps', priority: 200, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: '172.16.5.0/29', destination: 'AzureCloud', destinationPorts: '443' },
    },
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'AllowMcrHttps', priority: 210, direction: 'Outbound', access: 'Allow', protocol: 'Tcp', source: '172.16.5.0/29', destination: 'MicrosoftContainerRegistry', destinationPorts: '443' },
    },
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'DenyAllOutbound', priority: 4000, direction: 'Outbound', access: 'Deny', protocol: '*', source: '*', destination: '*' },
    },
    { kind: 'advance', seconds: 60 },
  ],
  notes:
    'Broken: the outbound allow rules of aks-subnet-nsg take source 172.16.5.0/29 (172.16.5.0-7), which covers the nodes at 172.16.5.4-7 only. The nodes at 172.16.5.8 and 172.16.5.9 (vmss000004 and vmss000005) hit DenyAllOutbound on their way to the API server\'s public endpoint, their kubelets stop posting status, and after the node monitor grace period (40 s) the node controller marks them Unknown: `kubectl get nodes` shows them NotReady and their pods stop being endpoints. Fix: make the allow rules\' source the whole subnet (172.16.5.0/24) or VirtualNetwork.',
};
