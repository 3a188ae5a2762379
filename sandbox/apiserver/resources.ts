// The resource kinds the sandbox's API server serves: what discovery tells kubectl (the
// `kubectl api-resources` table), and how a name typed on the command line (`po`, `pods`,
// `deployment.apps`, `Deployment`) or a manifest's apiVersion/kind finds its kind.
// Rows and verbs as `kubectl api-resources -o wide` prints them on a 1.33 cluster; the events.k8s.io
// variant of Event is not served (manifests use v1 Events).

export interface ResourceType {
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  /** `v1` or `apps/v1`. */
  apiVersion: string;
  /** The resource name (`deployments`). */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories: string[];
  /** Whether the API server keeps `metadata.generation` for it (workloads, NetworkPolicy). */
  hasGeneration: boolean;
  /** Whether `status` is a subresource: ignored on create and kept as stored on update. */
  statusSubresource: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const NO_COLLECTION = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

function row(
  kind: string,
  apiVersion: string,
  plural: string,
  shortNames: string[],
  options: { namespaced?: boolean; verbs?: string[]; all?: boolean; generation?: boolean; status?: boolean } = {},
): ResourceType {
  const slash = apiVersion.indexOf('/');
  return {
    kind,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    apiVersion,
    plural,
    singular: kind.toLowerCase(),
    shortNames,
    namespaced: options.namespaced ?? true,
    verbs: options.verbs ?? ALL_VERBS,
    categories: options.all ? ['all'] : [],
    hasGeneration: options.generation ?? false,
    statusSubresource: options.status ?? false,
  };
}

/** In discovery order: the core group, then the named groups. */
const RESOURCE_TYPES: readonly ResourceType[] = [
  row('ConfigMap', 'v1', 'configmaps', ['cm']),
  row('Endpoints', 'v1', 'endpoints', ['ep']),
  row('Event', 'v1', 'events', ['ev']),
  row('Namespace', 'v1', 'namespaces', ['ns'], { namespaced: false, verbs: NO_COLLECTION, status: true }),
  row('Node', 'v1', 'nodes', ['no'], { namespaced: false, status: true }),
  row('Pod', 'v1', 'pods', ['po'], { all: true, status: true }),
  row('Secret', 'v1', 'secrets', []),
  row('ServiceAccount', 'v1', 'serviceaccounts', ['sa']),
  row('Service', 'v1', 'services', ['svc'], { all: true, status: true }),
  row('DaemonSet', 'apps/v1', 'daemonsets', ['ds'], { all: true, generation: true, status: true }),
  row('Deployment', 'apps/v1', 'deployments', ['deploy'], { all: true, generation: true, status: true }),
  row('ReplicaSet', 'apps/v1', 'replicasets', ['rs'], { all: true, generation: true, status: true }),
  row('EndpointSlice', 'discovery.k8s.io/v1', 'endpointslices', []),
  row('NetworkPolicy', 'networking.k8s.io/v1', 'networkpolicies', ['netpol'], { generation: true }),
];

const BY_KIND = new Map(RESOURCE_TYPES.map((t) => [t.kind, t]));

export function resourceTypes(): readonly ResourceType[] {
  return RESOURCE_TYPES;
}

/** The type of a kind (exact spelling, `Deployment`). */
export function resourceForKind(kind: string): ResourceType | undefined {
  return BY_KIND.get(kind);
}

/** The type a manifest's apiVersion and kind name, or undefined (no matches for kind). */
export function resourceForManifest(apiVersion: string, kind: string): ResourceType | undefined {
  const type = BY_KIND.get(kind);
  return type && type.apiVersion === apiVersion ? type : undefined;
}

/** `deployments.apps`, `pods`: how the API server names a resource in its messages. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/**
 * The types a command-line resource name means: a plural, singular, short name or kind (any
 * case), optionally qualified by `.group` or `.version.group`. Several matches are possible in
 * principle; the first is the one kubectl picks (core group first).
 */
export function resolveResourceName(typed: string): ResourceType[] {
  const lower = typed.toLowerCase();
  const matches = (name: string, group: string | undefined, version: string | undefined) =>
    RESOURCE_TYPES.filter(
      (t) =>
        (t.plural === name || t.singular === name || t.shortNames.includes(name)) &&
        (group === undefined || t.group === group) &&
        (version === undefined || t.version === version),
    );
  const plain = matches(lower, undefined, undefined);
  if (plain.length > 0) return plain;
  const dot = lower.indexOf('.');
  if (dot < 0) return [];
  const name = lower.slice(0, dot);
  const rest = lower.slice(dot + 1);
  const byGroup = matches(name, rest, undefined);
  if (byGroup.length > 0) return byGroup;
  const dot2 = rest.indexOf('.');
  return dot2 < 0 ? [] : matches(name, rest.slice(dot2 + 1), rest.slice(0, dot2));
}
