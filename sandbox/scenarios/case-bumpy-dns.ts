import { labGroup, README_FILE, webApp } from './fragments.ts';
import type { ScenarioDefinition } from './types.ts';

// Part III case 2: DNS works when the CoreDNS pod kube-proxy picks is on the client's node.
export const caseBumpyDns: ScenarioDefinition = {
  id: 'case-bumpy-dns',
  title: 'Case: bumpy DNS',
  description:
    'Pods of `aks1` (Azure CNI, subnet `aks-subnet` of `vnet-lab`) resolve names most of the time, but some lookups hang for seconds and fail, and a pod that "worked yesterday" fails after moving to another node. The subnet NSG `aks-subnet-nsg` was tightened last week. A `client` pod is there for your tests.',
  seed: 'case-bumpy-dns',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'nsg', group: 'rg-lab', name: 'aks-subnet-nsg' },
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-lab',
      addressPrefixes: ['10.50.0.0/16'],
      subnets: [{ name: 'aks-subnet', addressPrefix: '10.50.0.0/22', nsg: 'rg-lab/aks-subnet-nsg' }],
    },
    {
      kind: 'aks',
      request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', nodeCount: 3, vnetSubnetId: 'rg-lab/vnet-lab/aks-subnet' },
    },
    { kind: 'credentials', cluster: 'aks1' },
    {
      kind: 'manifest',
      cluster: 'aks1',
      yaml: `${webApp(3)}---
apiVersion: v1
kind: Pod
metadata:
  name: client
  labels:
    app: client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sleep", "infinity"]
`,
    },
    // The tightening: TCP inside the VNet is allowed, everything else inbound is denied.
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'AllowVnetTcpInbound', priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork' },
    },
    {
      kind: 'nsgRule',
      nsg: 'rg-lab/aks-subnet-nsg',
      rule: { name: 'DenyAllInbound', priority: 4000, direction: 'Inbound', access: 'Deny', protocol: '*', source: '*', destination: '*' },
    },
  ],
  notes:
    'Broken: aks-subnet-nsg allows only TCP between addresses of the VNet and denies everything else inbound, so DNS over UDP 53 to a CoreDNS pod on another node is dropped at the subnet. A query from a pod goes to the kube-dns ClusterIP and kube-proxy picks one of the two CoreDNS pods: when it is on the same node the query never crosses the NSG and works; when it is on another node it times out (5 s per try). Pods on the node with no CoreDNS pod always fail over UDP; TCP DNS still works. Fix: allow UDP 53 (or all traffic) from VirtualNetwork, as the default rule AllowVnetInBound did.',
};
