// Host ids name what a host stands for, so a saved shell session can find its host again after
// a restore: `workstation`, `node|<cluster id>|<node>`, `pod|<cluster id>|<namespace>|<pod>`.
import type { Endpoint } from '../network/flow.ts';

export const WORKSTATION_HOST = 'workstation';

export function nodeHostId(clusterId: string, nodeName: string): string {
  return `node|${clusterId.toLowerCase()}|${nodeName}`;
}

export function podHostId(clusterId: string, namespace: string, name: string): string {
  return `pod|${clusterId.toLowerCase()}|${namespace}|${name}`;
}

/** The path-engine endpoint a host id stands for. */
export function endpointOfHostId(id: string): Endpoint {
  const parts = id.split('|');
  if (parts[0] === 'node' && parts.length === 3) return { kind: 'node', clusterId: parts[1]!, name: parts[2]! };
  if (parts[0] === 'pod' && parts.length === 4) {
    return { kind: 'pod', clusterId: parts[1]!, namespace: parts[2]!, name: parts[3]! };
  }
  return { kind: 'machine', id: parts[0] === WORKSTATION_HOST ? 'workstation' : id };
}
