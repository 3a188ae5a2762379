// The API server's ClusterIP and NodePort allocators. Both pick at random, preferring the upper
// part of the range so addresses and ports people choose by hand (usually low ones) rarely
// collide: KEP-3070 (ClusterIP, band = min(max(16, size/16), 256)) and KEP-3668 (NodePort,
// band = min(max(16, size/32), 128)). "Random" here is seeded, so runs replay identically.
import { cidrSize, intToIp, ipToInt, isCidr, isIPv4, parseCidr, type Cidr } from '../../core/ip.ts';
import type { Service } from '../../model/k8s/types.ts';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export interface ServiceIpRange {
  cidr: Cidr;
  text: string;
  /** First allocatable address (network + 1). */
  base: number;
  /** Number of allocatable addresses (network and broadcast excluded). */
  size: number;
  /** Dynamic allocation starts this many addresses above base. */
  offset: number;
}

export function serviceIpRange(serviceCidr: string): ServiceIpRange | undefined {
  if (!isCidr(serviceCidr)) return undefined;
  const cidr = parseCidr(serviceCidr);
  const total = cidrSize(cidr);
  const offset = total < 16 ? 0 : Math.min(Math.max(16, Math.floor(total / 16)), 256);
  return { cidr, text: serviceCidr, base: cidr.base + 1, size: Math.max(0, total - 2), offset };
}

export function inServiceRange(range: ServiceIpRange, ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const n = ipToInt(ip);
  return n >= range.base && n < range.base + range.size;
}

/** The address every cluster gives `default/kubernetes`: the first of the service range. */
export function kubernetesServiceIp(serviceCidr: string): string | undefined {
  const range = serviceIpRange(serviceCidr);
  return range ? intToIp(range.base) : undefined;
}

/**
 * Random scan with an offset (kubernetes `allocator.randomScanStrategyWithOffset`): a random
 * start in [offset, size) probing upward with wrap-around, then the same in [0, offset).
 */
export function allocateIndex(size: number, offset: number, taken: (i: number) => boolean, seed: number): number | null {
  const scan = (from: number, span: number): number | null => {
    if (span <= 0) return null;
    const start = seed % span;
    for (let i = 0; i < span; i++) {
      const at = from + ((start + i) % span);
      if (!taken(at)) return at;
    }
    return null;
  };
  return scan(offset, size - offset) ?? scan(0, offset);
}

export function nodePortOffset(): number {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** Which service holds each ClusterIP and each NodePort (health-check ports included). */
export interface Allocations {
  ips: Map<string, string>;
  ports: Map<number, string>;
}

export function serviceKey(svc: Service): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
}

export function allocationsOf(services: readonly Service[]): Allocations {
  const ips = new Map<string, string>();
  const ports = new Map<number, string>();
  for (const svc of services) {
    const key = serviceKey(svc);
    for (const ip of svc.spec?.clusterIPs ?? (svc.spec?.clusterIP ? [svc.spec.clusterIP] : [])) {
      if (ip && ip !== 'None') ips.set(ip, key);
    }
    for (const p of svc.spec?.ports ?? []) if (p.nodePort) ports.set(p.nodePort, key);
    if (svc.spec?.healthCheckNodePort) ports.set(svc.spec.healthCheckNodePort, key);
  }
  return { ips, ports };
}
