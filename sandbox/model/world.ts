// The whole simulated state (Azure + every cluster's Kubernetes objects + the machines outside
// Azure), as one JSON-serialisable value, and the World class that reads and changes it.
// Controllers and commands change state only through World, which bumps resource versions and
// marks the state dirty so the settle loop knows to reconcile again.
import { fnv1a, guidOf, hexOf } from '../core/hash.ts';
import { rfc3339 } from '../core/clock.ts';
import type { AzureResource, ResourceGroup } from './azure/types.ts';
import type { AzureCloudConfig } from './azure/cloud-config.ts';
import type { K8sObject } from './k8s/types.ts';

/** A machine outside the cluster that the learner can run commands from or send traffic from. */
export interface ClientMachine {
  id: string;
  /** `workstation` (the learner's laptop), `internet` (any host online), `onprem`, `vm` (an Azure VM). */
  kind: 'workstation' | 'internet' | 'onprem' | 'vm';
  hostname: string;
  /** Public address it is seen from on the internet (SNAT of its network). */
  publicIp: string;
  /** Private address, for machines inside a VNet (a jump box) or behind a VPN. */
  privateIp?: string;
  /** Subnet id for machines inside an Azure VNet. */
  subnetId?: string;
  /** DNS servers it asks; empty means the public resolvers of the internet. */
  dnsServers: string[];
  /** Set when the machine runs a DNS server (a custom VNet DNS server, an on-premises one). */
  dnsServer?: DnsServerConfig;
}

/** What a DNS server machine answers itself and where it sends the rest (see sandbox/network/dns). */
export interface DnsServerConfig {
  /** Conditional forwarders, e.g. `privatelink.eastus.azmk8s.io` → `168.63.129.16`; the longest matching zone wins. */
  conditionalForwarders?: { zone: string; servers: string[] }[];
  /** Where every other name goes; empty or absent: the server resolves public names from the internet itself. */
  forwarders?: string[];
  /** Names it is authoritative for (an on-premises zone), answered as A records. */
  records?: { name: string; ip: string; ttl?: number }[];
}

/** Where a cluster's API server answers; managed by Microsoft, outside the learner's subscription. */
export interface ControlPlane {
  /** Public address behind the public FQDN (null when the cluster has no public endpoint). */
  publicIp: string | null;
  /** Private endpoint IP (private cluster) or internal LB IP (API Server VNet Integration). */
  privateIp: string | null;
  /** How the control plane reaches kubelets for logs/exec: through konnectivity, or directly (VNet integration). */
  tunnel: 'konnectivity' | 'direct';
  /** The public FQDN (`*.hcp.<region>.azmk8s.io`); null when the cluster has none. */
  fqdn?: string | null;
  /**
   * What public DNS answers for `fqdn`: the public IP, or for a private cluster with a public
   * FQDN (private DNS zone `none`, or enablePrivateClusterPublicFqdn) the private IP.
   */
  fqdnAddress?: string | null;
  /** The private FQDN answered by the cluster's private DNS zone (private clusters only). */
  privateFqdn?: string | null;
  /** Id of the private DNS zone holding `privateFqdn` (AKS-made for `system`, the user's for a custom zone). */
  privateDnsZoneId?: string | null;
}

export interface ClusterObjects {
  /** Keyed by objectKey(kind, namespace, name). */
  objects: Record<string, K8sObject>;
  resourceVersion: number;
}

export interface WorldState {
  version: 1;
  seed: string;
  clockMs: number;
  subscription: { id: string; name: string; tenantId: string; user: string };
  defaultLocation: string;
  /** Keyed by lower-cased name. */
  resourceGroups: Record<string, ResourceGroup>;
  /** Top-level ARM resources keyed by lower-cased id. */
  resources: Record<string, AzureResource>;
  /** Kubernetes API state per managed cluster, keyed by the cluster's lower-cased ARM id. */
  clusters: Record<string, ClusterObjects>;
  /** Keyed like `clusters`. */
  controlPlanes: Record<string, ControlPlane>;
  machines: Record<string, ClientMachine>;
  /** Monotonic counters for allocators (keyed by what they allocate). */
  counters: Record<string, number>;
  /** Conditions a scenario sets that are not Azure or Kubernetes state (e.g. outbound connection load). */
  conditions: Record<string, unknown>;
  /**
   * What controllers remember between reconciles, as the real ones keep it in memory (the service
   * controller's last synced Service and retry backoff, for example), keyed by controller name.
   */
  controllers?: Record<string, unknown>;
  /** Each cluster's node-side cloud configuration (azure.json), keyed like `clusters`. */
  cloudConfigs?: Record<string, AzureCloudConfig>;
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

// Compares everything but the bookkeeping the store fills in itself.
function sameContent(a: K8sObject, b: K8sObject): boolean {
  const strip = (o: K8sObject) =>
    JSON.stringify({ ...o, metadata: { ...o.metadata, resourceVersion: '', uid: '', creationTimestamp: '' } });
  return strip(a) === strip(b);
}

export class World {
  state: WorldState;
  /** Set by every change; the settle loop clears it. */
  dirty = false;
  /**
   * Bumped by every change and never reset, so caches derived from the state (the network
   * address index, effective routes) know when to rebuild. Code that edits `state` directly
   * must call touch().
   */
  revision = 0;

  constructor(state: WorldState) {
    this.state = state;
  }

  now(): number {
    return this.state.clockMs;
  }

  timestamp(): string {
    return rfc3339(this.state.clockMs);
  }

  advance(ms: number): void {
    if (ms > 0) this.state.clockMs += Math.round(ms);
  }

  /** Next value of a named counter, starting at 0. */
  next(counter: string): number {
    const value = this.state.counters[counter] ?? 0;
    this.state.counters[counter] = value + 1;
    return value;
  }

  /** A deterministic GUID unique within this world. */
  guid(purpose: string): string {
    return guidOf(`${this.state.seed}/${purpose}/${this.next(`guid:${purpose}`)}`);
  }

  hex(purpose: string, length: number): string {
    return hexOf(`${this.state.seed}/${purpose}`, length);
  }

  hash(purpose: string): number {
    return fnv1a(`${this.state.seed}/${purpose}`);
  }

  // ---- Azure ----

  resource<T extends AzureResource>(id: string): T | undefined {
    return this.state.resources[id.toLowerCase()] as T | undefined;
  }

  putResource(resource: AzureResource): void {
    this.state.resources[resource.id.toLowerCase()] = resource;
    this.dirty = true;
    this.revision++;
  }

  deleteResource(id: string): boolean {
    const key = id.toLowerCase();
    if (!(key in this.state.resources)) return false;
    delete this.state.resources[key];
    this.dirty = true;
    this.revision++;
    return true;
  }

  resourcesOfType<T extends AzureResource>(type: T['type']): T[] {
    const want = type.toLowerCase();
    return Object.values(this.state.resources).filter((r) => r.type.toLowerCase() === want) as T[];
  }

  resourceGroup(name: string): ResourceGroup | undefined {
    return this.state.resourceGroups[name.toLowerCase()];
  }

  putResourceGroup(group: ResourceGroup): void {
    this.state.resourceGroups[group.name.toLowerCase()] = group;
    this.dirty = true;
    this.revision++;
  }

  /** Marks a change made in place on an object obtained from this world. */
  touch(): void {
    this.dirty = true;
    this.revision++;
  }

  // ---- Kubernetes ----

  cluster(clusterId: string): ClusterObjects {
    const key = clusterId.toLowerCase();
    return (this.state.clusters[key] ??= { objects: {}, resourceVersion: 1000 });
  }

  k8sGet<T extends K8sObject>(clusterId: string, kind: string, namespace: string | undefined, name: string): T | undefined {
    return this.cluster(clusterId).objects[objectKey(kind, namespace, name)] as T | undefined;
  }

  k8sList<T extends K8sObject>(clusterId: string, kind: string, namespace?: string): T[] {
    const prefix = namespace === undefined ? `${kind}/` : `${kind}/${namespace}/`;
    const out: T[] = [];
    for (const [key, obj] of Object.entries(this.cluster(clusterId).objects)) {
      if (key.startsWith(prefix)) out.push(obj as T);
    }
    return out;
  }

  /** Creates or replaces an object; fills uid, resourceVersion and creationTimestamp when missing. */
  k8sPut<T extends K8sObject>(clusterId: string, obj: T): T {
    const cluster = this.cluster(clusterId);
    const meta = obj.metadata;
    const key = objectKey(obj.kind, meta.namespace, meta.name);
    const existing = cluster.objects[key];
    meta.uid ||= existing?.metadata.uid || this.guid(`uid:${clusterId}:${key}`);
    meta.creationTimestamp ||= existing?.metadata.creationTimestamp || this.timestamp();
    meta.resourceVersion = String(++cluster.resourceVersion);
    cluster.objects[key] = obj;
    this.dirty = true;
    this.revision++;
    return obj;
  }

  k8sDelete(clusterId: string, kind: string, namespace: string | undefined, name: string): boolean {
    const cluster = this.cluster(clusterId);
    const key = objectKey(kind, namespace, name);
    if (!(key in cluster.objects)) return false;
    delete cluster.objects[key];
    cluster.resourceVersion++;
    this.dirty = true;
    this.revision++;
    return true;
  }

  /**
   * Writes an object only when it differs from what is stored, so reconcilers can call it every
   * round without making the settle loop think something moved. Returns true when it wrote.
   */
  k8sApply<T extends K8sObject>(clusterId: string, obj: T): boolean {
    const existing = this.k8sGet(clusterId, obj.kind, obj.metadata.namespace, obj.metadata.name);
    if (existing && sameContent(existing, obj)) return false;
    this.k8sPut(clusterId, obj);
    return true;
  }

  /** Like putResource, but only when the content changed. Returns true when it wrote. */
  applyResource(resource: AzureResource): boolean {
    const existing = this.resource(resource.id);
    if (existing && JSON.stringify(existing) === JSON.stringify(resource)) return false;
    this.putResource(resource);
    return true;
  }

  toJSON(): WorldState {
    return this.state;
  }
}
