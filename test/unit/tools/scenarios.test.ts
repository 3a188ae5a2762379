// The tools inside the course's scenarios, reached the way a learner reaches them: kubectl exec
// into a pod of the web Deployment. The egress IP after the outbound IP was replaced, Azure
// Firewall answering denied web requests itself, and DNS through a blackholed route.
import { describe, expect, it } from 'vitest';
import type { ManagedCluster, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import { getScenario } from '../../../sandbox/scenarios/registry.ts';
import type { ScenarioDefinition } from '../../../sandbox/scenarios/types.ts';
import { labGroup, README_FILE, webApp } from '../../../sandbox/scenarios/fragments.ts';
import { goldenIn } from '../../support/golden.ts';
import { harness } from '../../support/harness.ts';
import { transcript } from './fixtures.ts';

const golden = goldenIn('tools');

function open(def: ScenarioDefinition) {
  const { world, files } = buildScenario(def);
  return { world, h: harness(world, files) };
}

describe('case: the egress IP changed', () => {
  it('curl ifconfig.me from a pod shows the new outbound IP, not the one the partner allow-listed', () => {
    const { world, h } = open(getScenario('case-outbound-ip-changed'));
    const mc = world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')[0]!;
    const outbound = mc.networkProfile.loadBalancerProfile!.effectiveOutboundIPs![0]!.id;
    const ip = world.resource<PublicIPAddress>(outbound)!.ipAddress;
    const out = h.run('kubectl exec deploy/web -- curl -s ifconfig.me');
    expect(out).toEqual({ stdout: ip, stderr: '', exitCode: 0 });
    expect(h.run('curl -s ifconfig.me').stdout).toBe(world.state.machines['workstation']!.publicIp);
  });
});

const FIREWALLED: ScenarioDefinition = {
  id: 'tools-firewall',
  title: 'Egress through Azure Firewall',
  description: 'Nodes route 0.0.0.0/0 to an Azure Firewall that allows only *.microsoft.com over HTTP and HTTPS.',
  seed: 'tools-firewall',
  files: README_FILE,
  steps: [
    labGroup,
    { kind: 'routeTable', group: 'rg-lab', name: 'rt-egress' },
    {
      kind: 'vnet',
      group: 'rg-lab',
      name: 'vnet-lab',
      addressPrefixes: ['10.70.0.0/16'],
      subnets: [
        { name: 'aks-subnet', addressPrefix: '10.70.0.0/22', routeTable: 'rg-lab/rt-egress' },
        { name: 'AzureFirewallSubnet', addressPrefix: '10.70.4.0/26' },
      ],
    },
    { kind: 'publicIp', group: 'rg-lab', name: 'fw-pip' },
    {
      kind: 'firewall',
      group: 'rg-lab',
      name: 'fw',
      vnet: 'rg-lab/vnet-lab',
      publicIp: 'rg-lab/fw-pip',
      // What AKS needs (the API server and its tunnel), as its egress documentation lists it.
      networkRuleCollections: [
        { name: 'aks', priority: 100, action: 'Allow', rules: [{ name: 'apiserver', protocols: ['TCP', 'UDP'], sourceAddresses: ['*'], destinationAddresses: ['AzureCloud.eastus'], destinationFqdns: [], destinationPorts: ['443', '1194', '9000'] }] },
      ],
      applicationRuleCollections: [
        { name: 'web', priority: 200, action: 'Allow', rules: [{ name: 'microsoft', sourceAddresses: ['*'], targetFqdns: ['*.microsoft.com'], fqdnTags: [], protocols: [{ protocolType: 'Http', port: 80 }, { protocolType: 'Https', port: 443 }] }] },
      ],
    },
    { kind: 'route', routeTable: 'rg-lab/rt-egress', name: 'to-fw', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.70.4.4' },
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', nodeCount: 2, outboundType: 'userDefinedRouting', vnetSubnetId: 'rg-lab/vnet-lab/aks-subnet' } },
    { kind: 'credentials', cluster: 'aks1' },
    { kind: 'manifest', cluster: 'aks1', yaml: webApp(2) },
  ],
  notes: 'Allowed: *.microsoft.com on 80/443. Everything else: HTTP gets the firewall\'s 470 answer, HTTPS a reset.',
};

describe('egress through Azure Firewall', () => {
  it('allowed sites answer; denied HTTP gets 470 from the firewall, denied HTTPS a reset', () => {
    const { world, h } = open(FIREWALLED);
    const lines = [
      'kubectl exec deploy/web -- curl -sI http://www.microsoft.com',
      'kubectl exec deploy/web -- curl -s -i http://example.com',
      'kubectl exec deploy/web -- curl -sS https://example.com',
      'kubectl exec deploy/web -- curl -s ifconfig.me',
    ];
    const outs = lines.map((l) => h.run(l));
    golden('scenarios/firewall.txt', lines.map((l, i) => transcript(l, outs[i]!)).join('\n'));
    expect(outs[1]!.stdout).toContain('HTTP/1.1 470 status code 470');
    expect(outs[1]!.stdout).toContain('Action: Deny. Reason: No rule matched. Proceeding with default action.');
    expect(outs[2]!.exitCode).toBe(35);
    const fwIp = world.resourcesOfType<PublicIPAddress>('Microsoft.Network/publicIPAddresses').find((p) => p.name === 'fw-pip')!.ipAddress;
    expect(fwIp).toBeTruthy();
  });
});

describe('case: external names stopped resolving', () => {
  it('cluster names resolve, external names time out after the resolver waited', () => {
    const { world, h } = open(getScenario('case-udr-dns-blackhole'));
    const before = world.now();
    const ext = h.run('kubectl exec deploy/web -- curl -sS -o /dev/null http://www.microsoft.com');
    expect(ext.exitCode).not.toBe(0);
    expect(ext.stderr).toMatch(/^curl: \(6\) Could not resolve host: www\.microsoft\.com\ncommand terminated with exit code 6\n$/);
    expect(world.now() - before).toBeGreaterThanOrEqual(5000);
    const svc = h.run('kubectl exec deploy/web -- curl -s -o /dev/null -w "%{http_code}" web');
    expect(svc.stdout).toBe('200');
  });
});
