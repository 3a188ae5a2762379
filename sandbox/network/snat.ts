// Outbound SNAT to the internet: which public IP a flow leaves from, in Azure's order of
// precedence — the subnet's NAT gateway, else an instance-level public IP on the ip
// configuration, else a Standard Load Balancer outbound rule of a backend pool the ip
// configuration is in (else a load-balancing rule that still does outbound SNAT) — and the SNAT
// port budget that can run out (learn.microsoft.com load-balancer/load-balancer-outbound-connections).
import { fnv1a } from '../core/hash.ts';
import type { LoadBalancer, NatGateway, PublicIPAddress } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { addressing, type IpConfigInfo } from './addressing.ts';
import { idKey, parentOf, sameId } from './arm-ids.ts';

export interface SnatBudget {
  /** Ports each backend instance may use. */
  allocated: number;
  /** Ports the scenario says this instance already uses (world.state.conditions.snatUsage). */
  used: number;
  poolSize: number;
  /** True when allocatedOutboundPorts was 0 and the pool size chose the number. */
  automatic: boolean;
}

export type SnatChoice =
  | { kind: 'nat-gateway'; publicIp: PublicIPAddress; natGateway: NatGateway }
  | { kind: 'instance-public-ip'; publicIp: PublicIPAddress }
  | { kind: 'lb-outbound-rule'; publicIp: PublicIPAddress; lb: LoadBalancer; ruleName: string; poolName: string; budget: SnatBudget }
  | { kind: 'lb-rule'; publicIp: PublicIPAddress; lb: LoadBalancer; ruleName: string; poolName: string; budget: SnatBudget }
  | { kind: 'none'; natGatewayWithoutIp?: NatGateway };

/**
 * Ports per instance when allocatedOutboundPorts is 0, by backend pool size, for one frontend IP
 * (load-balancer-outbound-connections, "Default port allocation"). More frontend IPs do not
 * raise the automatic number [assumption].
 */
export function automaticPortsPerInstance(poolSize: number): number {
  if (poolSize <= 50) return 1024;
  if (poolSize <= 100) return 512;
  if (poolSize <= 200) return 256;
  if (poolSize <= 400) return 128;
  if (poolSize <= 800) return 64;
  return 32;
}

/** The public-side port a translated flow gets: deterministic, from 1024–65535. */
export function snatPort(flowKey: string): number {
  return 1024 + (fnv1a(`snat/${flowKey}`) % 64512);
}

/** SNAT ports a scenario declares in use by an instance, keyed by its private IP. */
export function snatPortsInUse(world: World, privateIp: string): number {
  const usage = world.state.conditions['snatUsage'];
  if (!usage || typeof usage !== 'object') return 0;
  const value = (usage as Record<string, unknown>)[privateIp];
  return typeof value === 'number' ? value : 0;
}

/** Where outbound traffic of a subnet (and, when known, an ip configuration) gets its public IP. */
export function chooseSnat(world: World, subnetId: string, source: IpConfigInfo | undefined, flowKey: string): SnatChoice {
  const index = addressing(world);
  const gateway = index.natGatewayOfSubnet.get(idKey(subnetId));
  if (gateway) {
    const ips = gateway.publicIpAddresses.map((r) => index.publicIps.get(idKey(r.id))).filter((p): p is PublicIPAddress => !!p?.ipAddress);
    if (ips.length === 0) return { kind: 'none', natGatewayWithoutIp: gateway };
    return { kind: 'nat-gateway', publicIp: ips[fnv1a(flowKey) % ips.length]!, natGateway: gateway };
  }
  if (!source) return { kind: 'none' };
  const own = source.ipConfig.publicIPAddress ? index.publicIps.get(idKey(source.ipConfig.publicIPAddress.id)) : undefined;
  if (own?.ipAddress) return { kind: 'instance-public-ip', publicIp: own };

  const privateIp = source.ipConfig.privateIPAddress;
  let fallback: SnatChoice | undefined;
  for (const poolId of index.poolsOfIpConfig.get(idKey(source.ipConfig.id)) ?? []) {
    const lb = world.resource<LoadBalancer>(parentOf(poolId, 'backendAddressPools'));
    if (!lb || lb.sku?.name !== 'Standard') continue;
    const pool = lb.backendAddressPools.find((p) => sameId(p.id, poolId));
    const poolSize = index.membersOfPool.get(idKey(poolId))?.length ?? 1;
    const budget = (allocatedOutboundPorts: number): SnatBudget => ({
      allocated: allocatedOutboundPorts > 0 ? allocatedOutboundPorts : automaticPortsPerInstance(poolSize),
      used: snatPortsInUse(world, privateIp),
      poolSize,
      automatic: !(allocatedOutboundPorts > 0),
    });
    const frontendIp = (frontendIds: string[]) => {
      const ips = frontendIds
        .map((id) => lb.frontendIPConfigurations.find((f) => sameId(f.id, id))?.publicIPAddress)
        .map((ref) => (ref ? index.publicIps.get(idKey(ref.id)) : undefined))
        .filter((p): p is PublicIPAddress => !!p?.ipAddress);
      return ips.length ? ips[fnv1a(flowKey) % ips.length] : undefined;
    };
    for (const rule of lb.outboundRules) {
      if (!sameId(rule.backendAddressPool.id, poolId)) continue;
      const publicIp = frontendIp(rule.frontendIPConfigurations.map((f) => f.id));
      if (publicIp) {
        return { kind: 'lb-outbound-rule', publicIp, lb, ruleName: rule.name, poolName: pool?.name ?? '', budget: budget(rule.allocatedOutboundPorts) };
      }
    }
    // A load-balancing rule without disableOutboundSnat also gives its pool outbound SNAT.
    for (const rule of lb.loadBalancingRules) {
      if (rule.disableOutboundSnat) continue;
      const pools = rule.backendAddressPools?.length ? rule.backendAddressPools : [rule.backendAddressPool];
      if (!pools.some((p) => p && sameId(p.id, poolId))) continue;
      const publicIp = frontendIp([rule.frontendIPConfiguration.id]);
      if (publicIp && !fallback) {
        fallback = { kind: 'lb-rule', publicIp, lb, ruleName: rule.name, poolName: pool?.name ?? '', budget: budget(0) };
      }
    }
  }
  return fallback ?? { kind: 'none' };
}
