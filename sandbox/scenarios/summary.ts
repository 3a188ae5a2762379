// A plain-text inventory of a built scenario — resource groups, resources by type and name with
// the addresses that matter, machines, and per cluster its nodes, pods and Services — for
// golden files and for authors checking what a scenario really builds. Reads only.
import type {
  AzureFirewall,
  AzureResource,
  LoadBalancer,
  ManagedCluster,
  NatGateway,
  NetworkInterface,
  NetworkSecurityGroup,
  PrivateDnsZone,
  PrivateEndpoint,
  PublicIPAddress,
  RouteTable,
  VirtualMachineScaleSet,
  VirtualNetwork,
} from '../model/azure/types.ts';
import type { Node, Pod, Service } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';

function rules(nsg: NetworkSecurityGroup): string[] {
  return [...nsg.securityRules]
    .sort((a, b) => a.direction.localeCompare(b.direction) || a.priority - b.priority)
    .map((r) => {
      const src = r.sourceAddressPrefix ?? r.sourceAddressPrefixes.join(',');
      const dst = r.destinationAddressPrefix ?? r.destinationAddressPrefixes.join(',');
      const ports = r.destinationPortRange ?? r.destinationPortRanges.join(',');
      return `rule ${r.direction} ${r.priority} ${r.name}: ${r.access} ${r.protocol} ${src} -> ${dst}:${ports}`;
    });
}

/** One line per resource, then indented details. */
function describeResource(r: AzureResource): string[] {
  const head = `${r.resourceGroup}/${r.name}`;
  const tags = r.tags && Object.keys(r.tags).length ? ` tags=${Object.keys(r.tags).sort().map((k) => `${k}=${r.tags![k]}`).join(',')}` : '';
  switch (r.type) {
    case 'Microsoft.Network/virtualNetworks': {
      const v = r as VirtualNetwork;
      const dns = v.dhcpOptions.dnsServers.length ? ` dns=${v.dhcpOptions.dnsServers.join(',')}` : '';
      return [
        `${head} ${v.addressSpace.addressPrefixes.join(',')}${dns}${tags}`,
        ...v.subnets.map((s) => {
          const extras = [
            s.networkSecurityGroup ? `nsg=${s.networkSecurityGroup.id.split('/').pop()}` : '',
            s.routeTable ? `routeTable=${s.routeTable.id.split('/').pop()}` : '',
            s.natGateway ? `natGateway=${s.natGateway.id.split('/').pop()}` : '',
            s.delegations.length ? `delegation=${s.delegations.map((d) => d.serviceName).join(',')}` : '',
          ].filter(Boolean);
          return `  subnet ${s.name} ${s.addressPrefix}${extras.length ? ` ${extras.join(' ')}` : ''}`;
        }),
        ...v.virtualNetworkPeerings.map((p) => `  peering ${p.name} -> ${p.remoteVirtualNetwork.id.split('/').pop()} ${p.peeringState}`),
      ];
    }
    case 'Microsoft.Network/networkSecurityGroups':
      return [`${head}${tags}`, ...rules(r as NetworkSecurityGroup).map((l) => `  ${l}`)];
    case 'Microsoft.Network/routeTables':
      return [
        `${head}${tags}`,
        ...(r as RouteTable).routes.map((rt) => `  route ${rt.name} ${rt.addressPrefix} -> ${rt.nextHopType}${rt.nextHopIpAddress ? ` ${rt.nextHopIpAddress}` : ''}`),
      ];
    case 'Microsoft.Network/publicIPAddresses':
      return [`${head} ${(r as PublicIPAddress).ipAddress}${tags}`];
    case 'Microsoft.Network/networkInterfaces': {
      const nic = r as NetworkInterface;
      const primary = nic.ipConfigurations.find((c) => c.primary) ?? nic.ipConfigurations[0];
      const more = nic.ipConfigurations.length > 1 ? ` (+${nic.ipConfigurations.length - 1} ip configurations)` : '';
      return [`${head} ${primary?.privateIPAddress ?? '-'}${more}${nic.enableIPForwarding ? ' ipForwarding' : ''}`];
    }
    case 'Microsoft.Network/loadBalancers': {
      const lb = r as LoadBalancer;
      return [
        `${head} ${lb.sku.name}${tags}`,
        ...lb.frontendIPConfigurations.map((f) => `  frontend ${f.name} ${f.privateIPAddress ?? (f.publicIPAddress ? `pip:${f.publicIPAddress.id.split('/').pop()}` : '-')}`),
        ...lb.loadBalancingRules.map((rule) => `  rule ${rule.name} ${rule.protocol} ${rule.frontendPort} -> ${rule.backendPort}`),
        ...lb.outboundRules.map((rule) => `  outbound ${rule.name} ports=${rule.allocatedOutboundPorts}`),
      ];
    }
    case 'Microsoft.Network/natGateways':
      return [`${head} ips=${(r as NatGateway).publicIpAddresses.map((p) => p.id.split('/').pop()).join(',')}`];
    case 'Microsoft.Network/azureFirewalls':
      return [`${head} ${(r as AzureFirewall).ipConfigurations.map((c) => c.privateIPAddress).join(',')}`];
    case 'Microsoft.Network/privateEndpoints':
      return [`${head} ${(r as PrivateEndpoint).privateIPAddress}`];
    case 'Microsoft.Network/privateDnsZones': {
      const z = r as PrivateDnsZone;
      return [
        head,
        ...z.aRecordSets.map((a) => `  A ${a.name} ${a.aRecords.map((x) => x.ipv4Address).join(',')}`),
        ...z.virtualNetworkLinks.map((l) => `  link ${l.name} -> ${l.virtualNetwork.id.split('/').pop()}`),
      ];
    }
    case 'Microsoft.Compute/virtualMachineScaleSets':
      return [`${head} ${(r as VirtualMachineScaleSet).sku.name} x${(r as VirtualMachineScaleSet).sku.capacity}`];
    case 'Microsoft.ContainerService/ManagedClusters': {
      const mc = r as ManagedCluster;
      const np = mc.networkProfile;
      const plugin = `${np.networkPlugin}${np.networkPluginMode ? `/${np.networkPluginMode}` : ''}`;
      return [`${head} ${plugin} k8s=${mc.currentKubernetesVersion} fqdn=${mc.fqdn ?? '-'} privateFqdn=${mc.privateFqdn ?? '-'}${tags}`];
    }
    default:
      return [`${head}${tags}`];
  }
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function clusterLines(world: World, mc: ManagedCluster): string[] {
  const plane = world.state.controlPlanes[mc.id.toLowerCase()];
  const lines = [`cluster ${mc.resourceGroup}/${mc.name} api public=${plane?.publicIp ?? '-'} private=${plane?.privateIp ?? '-'}`];
  const nodes = world.k8sList<Node>(mc.id, 'Node').sort((a, b) => byText(a.metadata.name, b.metadata.name));
  lines.push(`  nodes (${nodes.length}):`);
  for (const n of nodes) {
    const ip = n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '-';
    const ready = n.status.conditions.find((c) => c.type === 'Ready')?.status ?? '-';
    lines.push(`    ${n.metadata.name} ${ip} podCIDR=${n.spec.podCIDR ?? '-'} Ready=${ready}`);
  }
  const pods = world.k8sList<Pod>(mc.id, 'Pod').sort((a, b) => byText(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
  lines.push(`  pods (${pods.length}):`);
  for (const p of pods) {
    lines.push(`    ${p.metadata.namespace}/${p.metadata.name} ${p.status.phase} ${p.status.podIP ?? '-'} node=${p.spec.nodeName ?? '-'}`);
  }
  const services = world.k8sList<Service>(mc.id, 'Service').sort((a, b) => byText(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`));
  lines.push(`  services (${services.length}):`);
  for (const s of services) {
    const external = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname).join(',') || (s.spec.type === 'LoadBalancer' ? '<pending>' : '-');
    const ports = s.spec.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',');
    lines.push(`    ${s.metadata.namespace}/${s.metadata.name} ${s.spec.type} ${s.spec.clusterIP ?? '-'} external=${external} ${ports}`);
  }
  return lines;
}

export function summarizeWorld(world: World, files: Record<string, string> = {}): string {
  const lines: string[] = [`seed ${world.state.seed} clock ${world.timestamp()}`, 'resource groups:'];
  for (const g of Object.values(world.state.resourceGroups).sort((a, b) => byText(a.name, b.name))) {
    lines.push(`  ${g.name} ${g.location}${g.managedBy ? ' (managed)' : ''}`);
  }
  lines.push('resources:');
  const byType = new Map<string, AzureResource[]>();
  for (const r of Object.values(world.state.resources)) {
    const list = byType.get(r.type) ?? [];
    list.push(r);
    byType.set(r.type, list);
  }
  for (const type of [...byType.keys()].sort(byText)) {
    lines.push(`  ${type}:`);
    const resources = byType.get(type)!.sort((a, b) => byText(`${a.resourceGroup}/${a.name}`.toLowerCase(), `${b.resourceGroup}/${b.name}`.toLowerCase()));
    for (const r of resources) for (const l of describeResource(r)) lines.push(`    ${l}`);
  }
  lines.push('machines:');
  for (const m of Object.values(world.state.machines).sort((a, b) => byText(a.id, b.id))) {
    const where = m.privateIp ? ` private=${m.privateIp}` : '';
    const fwd = m.dnsServer?.conditionalForwarders?.map((f) => `${f.zone}->${f.servers.join(',')}`).join(' ');
    lines.push(`  ${m.id} ${m.kind} public=${m.publicIp}${where}${m.dnsServers.length ? ` dns=${m.dnsServers.join(',')}` : ''}${fwd ? ` forwarders: ${fwd}` : ''}`);
  }
  const clusters = world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters').sort((a, b) => byText(a.id, b.id));
  for (const mc of clusters) lines.push(...clusterLines(world, mc));
  const conditions = Object.keys(world.state.conditions);
  if (conditions.length) lines.push(`conditions: ${JSON.stringify(world.state.conditions)}`);
  lines.push('files:');
  for (const name of Object.keys(files).sort(byText)) {
    const server = /server: (\S+)/.exec(files[name]!)?.[1];
    lines.push(`  ${name} ${files[name]!.length} bytes${server ? ` server=${server}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
