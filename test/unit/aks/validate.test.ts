import { describe, expect, it } from 'vitest';
import { validateAksCreate } from '../../../sandbox/controllers/aks/index.ts';
import { byoVnet, create, newWorld, privateZone, refuse, RG, subnetIdOf } from './helpers.ts';

const INSUFFICIENT_TAIL =
  'If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that pre-allocated IPs count ' +
  'represents a theoretical max value, not the actual number of IPs requested). http://aka.ms/aks/insufficientsubnetsize';

describe('az aks create refusals', () => {
  it('a missing resource group (ARM, exit 3)', () => {
    const world = newWorld();
    expect(validateAksCreate(world, { resourceGroup: 'rg9', name: 'aks1' })).toEqual({
      kind: 'AzureError',
      source: 'arm',
      code: 'ResourceGroupNotFound',
      message: "Resource group 'rg9' could not be found.",
      exitCode: 3,
    });
  });

  it('an existing cluster of the same name', () => {
    const world = newWorld();
    create(world);
    expect(refuse(world, {}).message).toBe(
      "The cluster 'aks1' under resource group 'rg1' already exists. Please use command 'az aks update' to update the existing cluster, or select a different cluster name to create a new cluster.",
    );
  });

  it('CIDRs or a policy without --network-plugin', () => {
    for (const extra of [{ podCidr: '10.10.0.0/16' }, { serviceCidr: '10.2.0.0/16' }, { dnsServiceIp: '10.0.0.10' }, { networkPolicy: 'calico' as const }]) {
      expect(refuse(newWorld(), extra)).toMatchObject({ source: 'cli', code: 'RequiredArgumentMissingError', message: 'Please explicitly specify the network plugin type', exitCode: 1 });
    }
  });

  it('--pod-cidr with Azure CNI without overlay', () => {
    expect(refuse(newWorld(), { networkPlugin: 'azure', podCidr: '10.10.0.0/16' }).message).toBe(
      'Please specify network plugin mode `overlay` when using pod_cidr or use network plugin `kubenet`. For more information about Azure CNI Overlay please see https://aka.ms/aksoverlay',
    );
    // Overlay accepts it.
    expect(validateAksCreate(newWorld(), { resourceGroup: RG, name: 'aks1', networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '192.168.0.0/16' })).toBeUndefined();
  });

  it('private cluster with authorized IP ranges, and the public-FQDN flags', () => {
    expect(refuse(newWorld(), { enablePrivateCluster: true, apiServerAuthorizedIpRanges: ['81.220.211.166/32'] }).message).toBe(
      '--api-server-authorized-ip-ranges is not supported for private cluster',
    );
    expect(refuse(newWorld(), { disablePublicFqdn: true }).message).toBe('--disable-public-fqdn should only be used with --enable-private-cluster');
    expect(refuse(newWorld(), { privateDnsZone: 'system' }).message).toBe('Invalid private dns zone for public cluster. It should always be empty for public cluster');
    expect(refuse(newWorld(), { enablePrivateCluster: true, privateDnsZone: 'none', disablePublicFqdn: true }).message).toBe(
      '--disable-public-fqdn cannot be applied for none mode private dns zone cluster',
    );
    expect(refuse(newWorld(), { enablePrivateCluster: true, fqdnSubdomain: 'team1' }).message).toBe(
      '--fqdn-subdomain should only be used for private cluster with custom private dns zone',
    );
    expect(refuse(newWorld(), { enablePrivateCluster: true, privateDnsZone: 'my-zone' }).message).toBe('my-zone is not a valid Azure resource ID.');
  });

  it('outbound types that need a subnet of the learner', () => {
    expect(refuse(newWorld(), { outboundType: 'userDefinedRouting' }).message).toBe(
      '--vnet-subnet-id must be specified for userDefinedRouting and it must be pre-configured with a route table with egress rules',
    );
  });

  it('reserved ranges', () => {
    const error = refuse(newWorld(), { networkPlugin: 'kubenet', serviceCidr: '172.30.0.0/16', dnsServiceIp: '172.30.0.10' });
    expect(error).toMatchObject({ source: 'arm', code: 'InvalidParameter', target: 'networkProfile.serviceCIDR' });
    expect(error.message).toContain('172.30.0.0/16');
  });

  it('the DNS service IP outside the service CIDR', () => {
    expect(refuse(newWorld(), { networkPlugin: 'kubenet', serviceCidr: '10.200.0.0/16' })).toMatchObject({
      code: 'DnsServiceIpOutOfServiceCidr',
      message: 'The DNS service IP 10.0.0.10 is out of the range defined by service CIDR 10.200.0.0/16.',
      target: 'networkProfile.dnsServiceIP',
    });
  });

  it('a service CIDR overlapping a subnet of the cluster VNet', () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.0.0.0/16'], [{ name: 'nodes', prefix: '10.0.0.0/22' }]);
    expect(refuse(world, { networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'nodes') })).toMatchObject({
      code: 'ServiceCidrOverlapExistingSubnetsCidr',
      message: 'The specified service CIDR 10.0.0.0/16 is conflicted with an existing subnet CIDR 10.0.0.0/22',
      target: 'networkProfile.serviceCIDR',
    });
  });

  it('a pod CIDR inside the VNet', () => {
    expect(refuse(newWorld(), { networkPlugin: 'kubenet', podCidr: '10.230.0.0/16' })).toMatchObject({
      code: 'NetworkProfileCIDROverlapVNET',
      message: 'NetworkProfile CIDR 10.230.0.0/16 overlaps with reserved VNET CIDR 10.224.0.0/12',
    });
  });

  it('Azure CNI subnet exhaustion: P = nodes x (maxPods + 1), A = size - 5 - used', () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'small', prefix: '10.20.1.0/24' }]);
    const error = refuse(world, { networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'small'), nodeCount: 10, maxPods: 30 });
    expect(error).toMatchObject({ source: 'arm', code: 'InsufficientSubnetSize', exitCode: 1 });
    expect(error.message).toBe(`Pre-allocated IPs 310 exceeds IPs available 251 in Subnet Cidr 10.20.1.0/24, Subnet Name small. ${INSUFFICIENT_TAIL}`);
    // Eight nodes (8 x 31 = 248) fit in the same /24.
    expect(validateAksCreate(world, { resourceGroup: RG, name: 'aks1', networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'small'), nodeCount: 8 })).toBeUndefined();
  });

  it('addresses already used count against the subnet', () => {
    const world = newWorld();
    byoVnet(world, 'spoke', ['10.20.0.0/16'], [{ name: 'small', prefix: '10.20.1.0/24' }]);
    create(world, { name: 'first', networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'small'), nodeCount: 3 });
    const error = refuse(world, { name: 'second', networkPlugin: 'azure', vnetSubnetId: subnetIdOf(world, 'spoke', 'small'), nodeCount: 6 });
    expect(error.message).toBe(`Pre-allocated IPs 186 exceeds IPs available 158 in Subnet Cidr 10.20.1.0/24, Subnet Name small. ${INSUFFICIENT_TAIL}`);
  });

  it('overlay pod CIDR exhaustion: one /24 per node', () => {
    const error = refuse(newWorld(), { networkPlugin: 'azure', networkPluginMode: 'overlay', podCidr: '192.168.0.0/22', nodeCount: 5 });
    expect(error).toMatchObject({ code: 'InsufficientSubnetSize', target: 'networkProfile.podCIDR' });
    expect(error.message).toBe(`Pre-allocated IPs 1280 exceeds IPs available 1024 in Subnet Cidr 192.168.0.0/22, Subnet Name networkProfile.podCIDR. ${INSUFFICIENT_TAIL}`);
  });

  it('a custom private DNS zone: name format and existence', () => {
    const world = newWorld();
    const wrong = privateZone(world, 'privatelink.azmk8s.io');
    expect(refuse(world, { enablePrivateCluster: true, privateDnsZone: wrong })).toMatchObject({ code: 'InvalidPrivateDNSZoneResourceID' });
    const missing = wrong.replace('privatelink.azmk8s.io', 'privatelink.eastus.azmk8s.io');
    expect(refuse(world, { enablePrivateCluster: true, privateDnsZone: missing })).toMatchObject({
      code: 'ResourceNotFound',
      message:
        "The Resource 'Microsoft.Network/privateDnsZones/privatelink.eastus.azmk8s.io' under resource group 'rg1' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
      exitCode: 3,
    });
  });

  it('--max-pods below what system pods need', () => {
    expect(refuse(newWorld(), { networkPlugin: 'azure', maxPods: 2, nodeCount: 1 }).message).toBe(
      '--max-pods must be at least 9 for a managed Kubernetes cluster to function.',
    );
  });

  it('a subnet id that does not exist', () => {
    const world = newWorld();
    expect(refuse(world, { vnetSubnetId: subnetIdOf(world, 'nope', 'x') })).toMatchObject({ code: 'ResourceNotFound', exitCode: 3 });
  });
});
