// The API server's side of Services: defaulting, ClusterIP and NodePort allocation at admission
// (`admitService`, for kubectl code), and a controller that completes Services written straight
// into the store (scenarios, add-ons) the same way. Status is `loadBalancer: {}`; the Azure load
// balancer controller fills in ingress.
import { intToIp } from '../../core/ip.ts';
import type { Service, ServicePort } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { runningClusters } from './cluster.ts';
import { canonicalJson, clone } from './meta.ts';
import {
  allocateIndex,
  allocationsOf,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  nodePortOffset,
  serviceIpRange,
  serviceKey,
  type Allocations,
  type ServiceIpRange,
} from './service-allocation.ts';
import { validateService, type ServiceValidation } from './service-validation.ts';
import { byAge, kindList, listKind, objectsByKind, put } from './store.ts';

interface AllocationContext {
  world: World;
  clusterId: string;
  range: ServiceIpRange | undefined;
  dnsServiceIp: string | undefined;
  /** Allocations of every other Service; updated as this one takes addresses and ports. */
  taken: Allocations;
}

/** API defaulting for Services (kubernetes `pkg/apis/core/v1/defaults.go` and the registry). */
export function withServiceDefaults(input: Service): Service {
  const svc = clone(input);
  svc.apiVersion ||= 'v1';
  svc.spec ??= { type: 'ClusterIP', ports: [] };
  const spec = svc.spec;
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  spec.ports = (spec.ports ?? []).map((p) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port }) as ServicePort);
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  svc.status ??= { loadBalancer: {} };
  svc.status.loadBalancer ??= {};
  return svc;
}

function allocateClusterIp(ctx: AllocationContext, svc: Service): string | undefined {
  const range = ctx.range;
  if (!range) return undefined;
  const reservedDns = serviceKey(svc) === 'kube-system/kube-dns' ? undefined : ctx.dnsServiceIp;
  const seed = ctx.world.hash(`clusterip:${ctx.clusterId}:${serviceKey(svc)}:${ctx.world.next(`clusterip:${ctx.clusterId}`)}`);
  // Index 0 (the first address) belongs to default/kubernetes.
  const index = allocateIndex(
    range.size,
    range.offset,
    (i) => {
      const ip = intToIp(range.base + i);
      return i === 0 || ctx.taken.ips.has(ip) || ip === reservedDns;
    },
    seed,
  );
  return index === null ? undefined : intToIp(range.base + index);
}

function allocateNodePort(ctx: AllocationContext, svc: Service, inUse: Set<number>): number | undefined {
  const seed = ctx.world.hash(`nodeport:${ctx.clusterId}:${serviceKey(svc)}:${ctx.world.next(`nodeport:${ctx.clusterId}`)}`);
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const index = allocateIndex(size, nodePortOffset(), (i) => ctx.taken.ports.has(NODE_PORT_MIN + i) || inUse.has(NODE_PORT_MIN + i), seed);
  return index === null ? undefined : NODE_PORT_MIN + index;
}

/**
 * Defaults plus allocations: keeps what the Service (or, on update, its previous version)
 * already holds, honours requested values, allocates the rest. Assumes validation passed.
 */
function completeService(ctx: AllocationContext, input: Service, existing?: Service): Service {
  const svc = withServiceDefaults(input);
  const spec = svc.spec;
  const key = serviceKey(svc);
  const type = spec.type;

  if (type === 'ExternalName') {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  } else {
    const wanted = spec.clusterIP || spec.clusterIPs?.[0] || existing?.spec?.clusterIP;
    const ip = wanted || allocateClusterIp(ctx, svc);
    if (ip) {
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
      if (ip !== 'None') ctx.taken.ips.set(ip, key);
    }
  }

  const wantsNodePorts = type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (wantsNodePorts) {
    const inUse = new Set<number>();
    const previous = (p: ServicePort) => existing?.spec?.ports?.find((o) => o.port === p.port && o.protocol === p.protocol)?.nodePort;
    for (const p of spec.ports) {
      // Ports sharing a number across protocols (53/UDP, 53/TCP) share one nodePort.
      const sibling = spec.ports.find((o) => o !== p && o.port === p.port && o.nodePort)?.nodePort;
      p.nodePort ||= previous(p) || sibling || allocateNodePort(ctx, svc, inUse);
      if (p.nodePort) {
        inUse.add(p.nodePort);
        ctx.taken.ports.set(p.nodePort, key);
      }
    }
  } else if (type === 'ClusterIP' || type === 'ExternalName') {
    // Changing type back to ClusterIP releases the node ports.
    for (const p of spec.ports) delete p.nodePort;
  }
  if (type === 'ClusterIP' || type === 'ExternalName') delete spec.externalTrafficPolicy;
  if (type !== 'LoadBalancer') delete spec.allocateLoadBalancerNodePorts;

  if (type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
    spec.healthCheckNodePort ||= existing?.spec?.healthCheckNodePort || allocateNodePort(ctx, svc, new Set(spec.ports.map((p) => p.nodePort ?? 0)));
    if (spec.healthCheckNodePort) ctx.taken.ports.set(spec.healthCheckNodePort, key);
  } else {
    delete spec.healthCheckNodePort;
  }
  return svc;
}

function contextFor(world: World, clusterId: string, others: readonly Service[]): AllocationContext {
  const mc = runningClusters(world).find((c) => c.id.toLowerCase() === clusterId.toLowerCase());
  return {
    world,
    clusterId,
    range: mc ? serviceIpRange(mc.networkProfile.serviceCidr) : undefined,
    dnsServiceIp: mc?.networkProfile.dnsServiceIp,
    taken: allocationsOf(others),
  };
}

export type ServiceAdmission = { ok: true; service: Service } | Exclude<ServiceValidation, { ok: true }>;

/**
 * What the API server does with a Service create (or update, given the stored one): validate,
 * default, allocate. The caller stores `service` on success or prints `message` on failure.
 */
/**
 * On an update that changes the type, fields the new type cannot have are dropped when they
 * still hold the old values (kubernetes registry `dropTypeDependentFields`), so `kubectl apply`
 * of a NodePort Service turned ClusterIP is accepted.
 */
export function dropTypeDependentFields(svc: Service, existing: Service | undefined): Service {
  if (!existing || !svc.spec || svc.spec.type === existing.spec?.type) return svc;
  const next = clone(svc);
  const spec = next.spec;
  const old = existing.spec;
  const toClusterIp = spec.type === 'ClusterIP' || spec.type === 'ExternalName' || spec.type === undefined;
  if (toClusterIp) {
    for (const p of spec.ports ?? []) {
      const before = old.ports?.find((o) => o.port === p.port && o.protocol === p.protocol);
      if (p.nodePort && p.nodePort === before?.nodePort) delete p.nodePort;
    }
    if (spec.externalTrafficPolicy === old.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') {
    if (spec.healthCheckNodePort === old.healthCheckNodePort) delete spec.healthCheckNodePort;
    if (spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
  }
  return next;
}

export function admitService(world: World, clusterId: string, input: Service, existing?: Service): ServiceAdmission {
  const svc = dropTypeDependentFields(input, existing);
  const verdict = validateService(world, clusterId, svc, existing);
  if (!verdict.ok) return verdict;
  const others = listKind<Service>(world, clusterId, 'Service').filter((s) => serviceKey(s) !== serviceKey(svc));
  const service = completeService(contextFor(world, clusterId, others), svc, existing);
  const full = (what: string): ServiceAdmission => ({
    ok: false,
    reason: 'InternalError',
    code: 500,
    causes: [],
    message: `Internal error occurred: failed to allocate a ${what}: range is full`,
  });
  const spec = service.spec;
  if (spec.type !== 'ExternalName' && !spec.clusterIP) return full('serviceIP');
  const needsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (needsNodePorts && spec.ports.some((p) => !p.nodePort)) return full('nodePort');
  return { ok: true, service };
}

export const serviceController: Controller = {
  name: 'k8s/service-allocator',
  reconcile(world) {
    for (const mc of runningClusters(world)) {
      const services = kindList<Service>(objectsByKind(world, mc.id, ['Service']), 'Service').sort(byAge);
      const ctx = contextFor(world, mc.id, services);
      for (const svc of services) {
        if (!svc.spec) continue;
        const done = completeService(ctx, svc);
        if (canonicalJson(done) !== canonicalJson(svc)) put(world, mc.id, done);
      }
    }
  },
};
