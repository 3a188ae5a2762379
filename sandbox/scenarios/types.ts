// A scenario is data: the steps that build what the learner starts with, interpreted by
// `buildScenario` through the same code paths the CLIs use (AKS provisioning, the API server,
// the controllers), never a hand-written final state.
//
// References to Azure resources (`Ref`) can be written without knowing the world's
// subscription id:
// - a full ARM id (`/subscriptions/...`);
// - `<group>/<name>` for a top-level resource of the type the field expects, and
//   `<group>/<vnet>/<subnet>` for a subnet;
// - `cluster:<cluster>[:<part>]` for what AKS made for a cluster (`<cluster>` is its name, or
//   `<group>/<name>` when names repeat): parts `nsg`, `route-table`, `subnet`, `vnet`, `lb`,
//   `outbound-ip`, `private-dns-zone`; without a part, the one the field expects.
import type { AddNodePoolRequest, AksCreateRequest } from '../controllers/aks/request.ts';
import type { FirewallApplicationRule, FirewallNetworkRule, NextHopType, NsgProtocol } from '../model/azure/types.ts';
import type { ClientMachine } from '../model/world.ts';

export type Ref = string;

export interface SubnetSpec {
  name: string;
  addressPrefix: string;
  nsg?: Ref;
  routeTable?: Ref;
  natGateway?: Ref;
  /** Service names, e.g. `Microsoft.ContainerService/managedClusters`. */
  delegations?: string[];
}

export interface NsgRuleSpec {
  name: string;
  priority: number;
  direction: 'Inbound' | 'Outbound';
  access: 'Allow' | 'Deny';
  protocol: NsgProtocol;
  /** Prefixes or service tags; `*` when omitted. */
  source?: string | string[];
  destination?: string | string[];
  sourcePorts?: string | string[];
  destinationPorts?: string | string[];
  description?: string;
}

export interface RuleCollectionSpec<R> {
  name: string;
  priority: number;
  action: 'Allow' | 'Deny';
  rules: R[];
}

/** A machine to add (all of `ClientMachine`), or an existing one to change (its id and the fields that change). */
export type MachineSpec = Pick<ClientMachine, 'id'> &
  Partial<Omit<ClientMachine, 'subnetId'>> & {
    /** The subnet of a VM or on-premises-facing host in a VNet. */
    subnet?: Ref;
  };

export type ScenarioStep =
  | { kind: 'group'; name: string; location?: string; tags?: Record<string, string> }
  | { kind: 'vnet'; group: string; name: string; location?: string; addressPrefixes: string[]; dnsServers?: string[]; subnets?: SubnetSpec[] }
  | ({ kind: 'subnet'; vnet: Ref } & SubnetSpec)
  | { kind: 'peering'; vnet: Ref; remoteVnet: Ref; name?: string; allowForwardedTraffic?: boolean; /** Also the way back (default true). */ bidirectional?: boolean }
  | { kind: 'nsg'; group: string; name: string; location?: string }
  | { kind: 'nsgRule'; nsg: Ref; rule: NsgRuleSpec }
  | { kind: 'subnetNsg'; subnet: Ref; nsg: Ref | null }
  | { kind: 'routeTable'; group: string; name: string; location?: string; disableBgpRoutePropagation?: boolean }
  /**
   * Adds or rewrites a route. With a `cluster:` route table, `node:<i>` names the i-th node (by
   * name) in `name` (its kubenet route) and in `nextHopIpAddress` (its address).
   */
  | { kind: 'route'; routeTable: Ref; name: string; addressPrefix: string; nextHopType: NextHopType; nextHopIpAddress?: string }
  | { kind: 'subnetRouteTable'; subnet: Ref; routeTable: Ref | null }
  | { kind: 'publicIp'; group: string; name: string; location?: string }
  | {
      kind: 'firewall';
      group: string;
      name: string;
      location?: string;
      /** The VNet holding `AzureFirewallSubnet`; the firewall takes its first usable address. */
      vnet: Ref;
      publicIp: Ref;
      networkRuleCollections?: RuleCollectionSpec<FirewallNetworkRule>[];
      applicationRuleCollections?: RuleCollectionSpec<FirewallApplicationRule>[];
    }
  | { kind: 'natGateway'; group: string; name: string; location?: string; publicIps: Ref[]; subnets?: Ref[]; idleTimeoutInMinutes?: number }
  | { kind: 'privateDnsZone'; group: string; name: string }
  | { kind: 'dnsLink'; zone: Ref; name: string; vnet: Ref; registrationEnabled?: boolean }
  | { kind: 'dnsRecord'; zone: Ref; name: string; ips: string[]; ttl?: number }
  | { kind: 'machine'; machine: MachineSpec }
  /** Replaces a resource's tags (`az resource tag`), or merges them (`--set tags.x=y`) with `merge`. */
  | { kind: 'tags'; resource: Ref; resourceType?: string; tags: Record<string, string>; merge?: boolean }
  /** `az aks create`; subnet and zone ids in the request may be Refs. */
  | { kind: 'aks'; request: AksCreateRequest }
  /** `az aks get-credentials`: merges into `.kube/config` of the workstation files. */
  | { kind: 'credentials'; cluster: Ref; admin?: boolean; publicFqdn?: boolean; overwriteExisting?: boolean; contextName?: string }
  /** `kubectl create -f`: every document through the API server. */
  | { kind: 'manifest'; cluster: Ref; yaml: string; namespace?: string }
  | { kind: 'operation'; cluster: Ref; op: 'reconcile' }
  | { kind: 'operation'; cluster: Ref; op: 'scale'; pool?: string; count: number }
  | { kind: 'operation'; cluster: Ref; op: 'addNodePool'; pool: AddNodePoolRequest }
  /** Merged into world.state.conditions (e.g. `snatUsage`: ports in use per node IP). */
  | { kind: 'conditions'; values: Record<string, unknown> }
  /** Virtual time passes (grace periods, TTLs). */
  | { kind: 'advance'; seconds: number };

export interface ScenarioDefinition {
  /** Stable id used by lessons (`scenario:` frontmatter) and the headless CLI. */
  id: string;
  title: string;
  /** One paragraph: what is set up and why a lesson would start here. */
  description: string;
  /** Seed of every id, name and address in the world. */
  seed: string;
  /** Files placed in the learner's home directory on the workstation (`.kube/config` comes from a credentials step). */
  files?: Record<string, string>;
  steps: ScenarioStep[];
  /** What is broken and how it shows, for authors and tests. */
  notes?: string;
}
