// Azure Load Balancer, inbound: which rule a packet to a frontend hits, which backends are
// healthy, and which one the flow lands on. Health comes from two places: the NSG must let the
// probes from 168.63.129.16 (AzureLoadBalancer) reach the probe port, and the Kubernetes side
// answers whether anything listens there (kube-proxy's healthz, a NodePort) through a callback.
import { fnv1a } from '../core/hash.ts';
import type { FrontendIPConfiguration, LoadBalancer, LoadBalancingRule, Probe } from '../model/azure/types.ts';
import type { World } from '../model/world.ts';
import { AZURE_HOST_IP, addressing, type IpConfigInfo } from './addressing.ts';
import { idKey, sameId } from './arm-ids.ts';
import type { Protocol } from './flow.ts';
import { evaluateAtIpConfig, type NsgOutcome } from './nsg.ts';

/** Whether a backend answers a probe, as the Kubernetes-side engine sees it. */
export type ProbeState = (lb: LoadBalancer, probe: Probe, backendIp: string) => 'Up' | 'Down';

export const ALWAYS_UP: ProbeState = () => 'Up';

export interface BackendHealth {
  info: IpConfigInfo;
  ip: string;
  up: boolean;
  /** Why it is down: the NSG blocks the probe, or the probe got no answer. */
  downBecause?: 'nsg' | 'probe';
  probeNsg?: NsgOutcome;
}

/** The rule for a packet to a frontend: same frontend, protocol and port (HA ports: port 0, All). */
export function findLbRule(
  lb: LoadBalancer,
  frontend: FrontendIPConfiguration,
  protocol: Protocol,
  port: number | undefined,
): LoadBalancingRule | undefined {
  if (protocol === 'icmp') return undefined; // Standard LB load-balances TCP and UDP only
  return lb.loadBalancingRules.find(
    (r) =>
      sameId(r.frontendIPConfiguration.id, frontend.id) &&
      (r.protocol === 'All' || r.protocol.toLowerCase() === protocol) &&
      (r.frontendPort === 0 || r.frontendPort === port),
  );
}

export function probeOf(lb: LoadBalancer, rule: LoadBalancingRule): Probe | undefined {
  return rule.probe ? lb.probes.find((p) => sameId(p.id, rule.probe!.id)) : undefined;
}

/** The ip configurations in the rule's backend pools, in a stable order. */
export function backendsOf(world: World, rule: LoadBalancingRule): IpConfigInfo[] {
  const index = addressing(world);
  const pools = rule.backendAddressPools?.length ? rule.backendAddressPools : [rule.backendAddressPool];
  const seen = new Set<string>();
  const out: IpConfigInfo[] = [];
  for (const pool of pools) {
    if (!pool) continue;
    for (const member of index.membersOfPool.get(idKey(pool.id)) ?? []) {
      const key = idKey(member);
      const info = index.ipConfigs.get(key);
      if (info && !seen.has(key)) {
        seen.add(key);
        out.push(info);
      }
    }
  }
  return out.sort((a, b) => (idKey(a.ipConfig.id) < idKey(b.ipConfig.id) ? -1 : 1));
}

/** Whether the NSGs of a backend let the LB's probes in (source 168.63.129.16, AzureLoadBalancer). */
export function probeNsgOutcome(world: World, info: IpConfigInfo, probe: Probe): NsgOutcome {
  return evaluateAtIpConfig(world, info, {
    direction: 'Inbound',
    protocol: 'tcp',
    srcIp: AZURE_HOST_IP,
    srcPort: 1024 + (fnv1a(`probe/${probe.id}`) % 60000),
    dstIp: info.ipConfig.privateIPAddress,
    dstPort: probe.port,
  });
}

/** Health of every backend of a rule. A rule without a probe treats every backend as up [assumption]. */
export function backendHealth(world: World, lb: LoadBalancer, rule: LoadBalancingRule, probeState: ProbeState): BackendHealth[] {
  const probe = probeOf(lb, rule);
  return backendsOf(world, rule).map((info) => {
    const ip = info.ipConfig.privateIPAddress;
    if (!probe) return { info, ip, up: true };
    const probeNsg = probeNsgOutcome(world, info, probe);
    if (!probeNsg.allowed) return { info, ip, up: false, downBecause: 'nsg', probeNsg };
    const up = probeState(lb, probe, ip) === 'Up';
    return up ? { info, ip, up, probeNsg } : { info, ip, up, downBecause: 'probe', probeNsg };
  });
}

/**
 * The backend a flow lands on: a hash of the 5-tuple (Default), of source and destination IP
 * (SourceIP), or of those and the protocol (SourceIPProtocol), over the healthy backends.
 */
export function pickBackend(
  rule: LoadBalancingRule,
  healthy: BackendHealth[],
  tuple: { srcIp: string; srcPort: number; dstIp: string; dstPort?: number; protocol: Protocol },
): BackendHealth | undefined {
  if (healthy.length === 0) return undefined;
  const key =
    rule.loadDistribution === 'SourceIP'
      ? `${tuple.srcIp}|${tuple.dstIp}`
      : rule.loadDistribution === 'SourceIPProtocol'
        ? `${tuple.srcIp}|${tuple.dstIp}|${tuple.protocol}`
        : `${tuple.srcIp}:${tuple.srcPort}|${tuple.dstIp}:${tuple.dstPort ?? 0}|${tuple.protocol}`;
  return healthy[fnv1a(key) % healthy.length];
}
