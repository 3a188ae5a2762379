// ARM resource ids as the network code needs them: case-insensitive keys and the parent of a
// child resource (a subnet's VNet, an ip configuration's NIC, a frontend's load balancer).

/** ARM ids compare case-insensitively; every index in sandbox/network keys by this. */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/** The id up to (not including) the last `/<segment>/` — e.g. parentOf(subnetId, 'subnets') is the VNet id. */
export function parentOf(id: string, segment: string): string {
  const at = id.toLowerCase().lastIndexOf(`/${segment.toLowerCase()}/`);
  return at < 0 ? id : id.slice(0, at);
}

/** The last path segment of an id: the resource's name. */
export function nameOf(id: string): string {
  return id.slice(id.lastIndexOf('/') + 1);
}

export function sameId(a: string | undefined | null, b: string | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
