// Scenario steps for name resolution and everything else outside the cluster: private DNS
// zones with their VNet links and records, machines (an on-premises host, a jump box, a custom
// DNS server with conditional forwarders), and tag edits on any resource.
import { allocatePublicIp } from '../controllers/aks/public-ips.ts';
import { newARecordSet, newPrivateDnsZone, newPrivateDnsZoneVnetLink, withZoneCounts } from '../model/azure/factories.ts';
import { nameOf } from '../model/azure/ids.ts';
import type { PrivateDnsZone } from '../model/azure/types.ts';
import type { ClientMachine, World } from '../model/world.ts';
import { resolveAnyRef, resolveRef, scenarioError } from './refs.ts';
import type { ScenarioStep } from './types.ts';

type Step<K extends ScenarioStep['kind']> = Extract<ScenarioStep, { kind: K }>;

function zone(world: World, ref: string): PrivateDnsZone {
  const found = world.resource<PrivateDnsZone>(resolveRef(world, ref, 'private-dns-zone'));
  if (!found) throw scenarioError(`private DNS zone ${ref} does not exist`);
  return found;
}

export function privateDnsZoneStep(world: World, step: Step<'privateDnsZone'>): void {
  if (!world.resourceGroup(step.group)) throw scenarioError(`resource group ${step.group} does not exist`);
  world.putResource(newPrivateDnsZone({ subscriptionId: world.state.subscription.id, resourceGroup: step.group, name: step.name }));
}

export function dnsLinkStep(world: World, step: Step<'dnsLink'>): void {
  const z = zone(world, step.zone);
  const vnetId = resolveRef(world, step.vnet, 'vnet');
  if (!world.resource(vnetId)) throw scenarioError(`virtual network ${step.vnet} does not exist`);
  const link = newPrivateDnsZoneVnetLink({ zoneId: z.id, resourceGroup: z.resourceGroup, name: step.name, vnetId, registrationEnabled: step.registrationEnabled });
  const links = [...z.virtualNetworkLinks.filter((l) => l.name !== step.name), link];
  world.putResource(withZoneCounts({ ...z, virtualNetworkLinks: links }));
}

export function dnsRecordStep(world: World, step: Step<'dnsRecord'>): void {
  const z = zone(world, step.zone);
  const record = newARecordSet({ zoneId: z.id, zoneName: z.name, resourceGroup: z.resourceGroup, name: step.name, ttl: step.ttl ?? 3600, ips: step.ips });
  const records = [...z.aRecordSets.filter((r) => r.name.toLowerCase() !== step.name.toLowerCase()), record];
  world.putResource(withZoneCounts({ ...z, aRecordSets: records }));
}

/** Adds a machine, or changes the given fields of an existing one. */
export function machineStep(world: World, step: Step<'machine'>): void {
  const { subnet, ...spec } = step.machine;
  const existing = world.state.machines[spec.id];
  const subnetId = subnet ? resolveRef(world, subnet, 'subnet') : existing?.subnetId;
  const merged = { ...existing, ...spec } as Partial<ClientMachine>;
  if (!merged.kind || !merged.hostname) throw scenarioError(`machine ${spec.id} needs a kind and a hostname`);
  const machine: ClientMachine = {
    id: spec.id,
    kind: merged.kind,
    hostname: merged.hostname,
    publicIp: merged.publicIp ?? allocatePublicIp(world, world.state.defaultLocation, `machine:${spec.id}`),
    dnsServers: merged.dnsServers ?? [],
  };
  if (merged.privateIp) machine.privateIp = merged.privateIp;
  if (subnetId) machine.subnetId = subnetId;
  if (merged.dnsServer) machine.dnsServer = merged.dnsServer;
  world.state.machines[spec.id] = machine;
  world.touch();
}

/** `az resource tag` (replace all tags) or `--set tags.x=y` (merge). */
export function tagsStep(world: World, step: Step<'tags'>): void {
  const id = resolveAnyRef(world, step.resource, step.resourceType);
  const resource = world.resource(id);
  if (!resource) throw scenarioError(`resource ${nameOf(id)} (${step.resource}) does not exist`);
  const tags = step.merge ? { ...resource.tags, ...step.tags } : { ...step.tags };
  world.putResource({ ...resource, tags });
}
