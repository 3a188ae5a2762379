// ARM resource ids: building them the way Azure spells them and taking them apart again.
// Azure treats ids case-insensitively (AKS itself returns `resourcegroups` in lower case), so
// every comparison here ignores case while building keeps the caller's spelling.

export interface ArmIdParts {
  subscriptionId: string;
  resourceGroup: string;
  /** Provider namespace, e.g. `Microsoft.Network`. Empty for a resource group id. */
  namespace: string;
  /** Resource type segments from the top-level type down, e.g. ['virtualNetworks', 'subnets']. */
  types: string[];
  /** Names matching `types`, e.g. ['vnet1', 'default']. */
  names: string[];
}

export function subscriptionResourceId(subscriptionId: string): string {
  return `/subscriptions/${subscriptionId}`;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/**
 * `/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{childType}/{childName}...]`.
 * `children` alternates child type and child name.
 */
export function armId(
  subscriptionId: string,
  resourceGroup: string,
  namespace: string,
  type: string,
  name: string,
  ...children: string[]
): string {
  if (children.length % 2 !== 0) throw new Error(`armId: child segments come in type/name pairs, got ${children.length}`);
  let id = `${resourceGroupId(subscriptionId, resourceGroup)}/providers/${namespace}/${type}/${name}`;
  for (let i = 0; i < children.length; i += 2) id += `/${children[i]}/${children[i + 1]}`;
  return id;
}

/** A child of an existing id: childId(vnetId, 'subnets', 'default'). */
export function childId(parentId: string, type: string, name: string): string {
  return `${parentId}/${type}/${name}`;
}

/** Splits an ARM id; undefined when it is not one (wrong prefix, odd number of type/name segments). */
export function parseArmId(id: string): ArmIdParts | undefined {
  const segments = id.split('/');
  if (segments[0] !== '' || segments.length < 5) return undefined;
  if (segments[1]!.toLowerCase() !== 'subscriptions' || segments[3]!.toLowerCase() !== 'resourcegroups') return undefined;
  const subscriptionId = segments[2]!;
  const resourceGroup = segments[4]!;
  if (!subscriptionId || !resourceGroup) return undefined;
  if (segments.length === 5) return { subscriptionId, resourceGroup, namespace: '', types: [], names: [] };
  if (segments[5]!.toLowerCase() !== 'providers' || segments.length < 9) return undefined;
  const namespace = segments[6]!;
  const rest = segments.slice(7);
  if (rest.length % 2 !== 0 || rest.some((s) => s === '')) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i]!);
    names.push(rest[i + 1]!);
  }
  return { subscriptionId, resourceGroup, namespace, types, names };
}

/** `Microsoft.Network/virtualNetworks/subnets` for a subnet id, as ARM writes a resource type. */
export function typeOf(id: string): string | undefined {
  const parts = parseArmId(id);
  if (!parts || !parts.namespace) return undefined;
  return [parts.namespace, ...parts.types].join('/');
}

export function sameArmId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

/** The resource group named in an id (spelled as in the id), or undefined. */
export function resourceGroupOf(id: string): string | undefined {
  return parseArmId(id)?.resourceGroup;
}

export function subscriptionOf(id: string): string | undefined {
  return parseArmId(id)?.subscriptionId;
}

/** The last segment: the resource's own name. */
export function nameOf(id: string): string {
  const trimmed = id.endsWith('/') ? id.slice(0, -1) : id;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The id of the resource that holds a child (a subnet's VNet); the id itself for a top-level resource. */
export function parentIdOf(id: string): string {
  const parts = parseArmId(id);
  if (!parts || parts.types.length < 2) return id;
  const segments = id.split('/');
  return segments.slice(0, -2).join('/');
}
