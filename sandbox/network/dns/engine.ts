// Sending one DNS query to one address: first WHETHER it gets there (the path engine's `reach`
// callback: routes, NSGs, kube-proxy's DNAT to one CoreDNS pod), then WHAT the server found
// there makes of it. Results are memoised per resolution, so a client's retries reuse the same
// path (the same conntrack entry, hence the same CoreDNS pod) without repeating the story.
import { fnv1a } from '../../core/hash.ts';
import type { Pod, Service } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { serviceEndpoints } from './cluster-index.ts';
import { addStep, type Delivery, type Engine } from './engine-types.ts';
import type { Located } from './locate.ts';
import { serveCoredns } from './serve-coredns.ts';
import { serveAzureDns, serveCustom, servePublic, serveResolvedStub } from './serve-others.ts';
import { identifyServer, isCorednsPod, needsNoPath, serverLabel, type DnsServer } from './servers.ts';
import type { Question, ReachFn, ReachResult, Transport } from './types.ts';

export function createEngine(world: World, reach: ReachFn): Engine {
  const engine: Engine = {
    world,
    reach,
    steps: [],
    reachCache: new Map(),
    deliveries: new Map(),
    send: (from, ip, q, protocol, depth) => send(engine, from, ip, q, protocol, depth),
  };
  return engine;
}

function send(engine: Engine, from: Located, ip: string, q: Question, protocol: Transport, depth: number): Delivery {
  const key = `${from.label}|${ip}|${q.name}|${q.type}|${protocol}`;
  const cached = engine.deliveries.get(key);
  if (cached) return cached;
  const delivery = deliver(engine, from, ip, q, protocol, depth);
  engine.deliveries.set(key, delivery);
  return delivery;
}

function deliver(engine: Engine, from: Located, ip: string, q: Question, protocol: Transport, depth: number): Delivery {
  const server = identifyServer(engine.world, from, ip);
  let path: ReachResult | undefined;
  if (!needsNoPath(server)) {
    path = trace(engine, from, ip, protocol);
    const last = path.hops[path.hops.length - 1];
    if (!path.ok) {
      const reason = last ? `${last.at}: ${last.reason}` : `the path engine's verdict: ${path.verdict}`;
      addStep(engine, depth, 'network', `${from.label} → ${ip}:53/${protocol}`, path.verdict === 'refused' ? 'refused' : `lost (${path.verdict})`, reason, path.hops);
      return path.verdict === 'refused' ? { kind: 'refused', reason } : { kind: 'lost', reason };
    }
    const receiver = path.via?.podName ? `pod ${path.via.podName}${path.via.nodeName ? ` on ${path.via.nodeName}` : ''}` : serverLabel(server, ip);
    if (path.hops.length > 0 || path.via) {
      addStep(engine, depth, 'network', `${from.label} → ${ip}:53/${protocol}`, `delivered to ${receiver}`, last ? `${last.at}: ${last.reason}` : path.verdict, path.hops);
    }
  }
  return serve(engine, server, from, ip, q, protocol, depth, path);
}

function trace(engine: Engine, from: Located, ip: string, protocol: Transport): ReachResult {
  const key = `${from.label}|${ip}|${protocol}`;
  let r = engine.reachCache.get(key);
  if (!r) {
    r = engine.reach(from.endpoint, ip, 53, protocol);
    engine.reachCache.set(key, r);
  }
  return r;
}

function serve(engine: Engine, server: DnsServer, from: Located, ip: string, q: Question, protocol: Transport, depth: number, path: ReachResult | undefined): Delivery {
  switch (server.kind) {
    case 'coredns-service': {
      const pod = backendOf(engine.world, server.clusterId, server.service, from, ip, path);
      if (!pod) {
        const reason = `Service kube-system/${server.service.metadata.name} has no ready endpoints: kube-proxy rejects the packet (ICMP port unreachable)`;
        addStep(engine, depth, `kube-proxy on ${from.nodeName ?? from.label}`, `DNAT ${ip}:53/${protocol}`, 'rejected', reason);
        return { kind: 'refused', reason };
      }
      return { kind: 'reply', reply: serveCoredns(engine, pod, server.clusterId, q, protocol, depth + 1) };
    }
    case 'coredns-pod':
      return { kind: 'reply', reply: serveCoredns(engine, server.pod, server.clusterId, q, protocol, depth + 1) };
    case 'azure-dns':
      return serveAzureDns(engine, from, q, depth + 1);
    case 'custom':
      return serveCustom(engine, server.machine, q, protocol, depth + 1);
    case 'public':
      return servePublic(engine, q, depth + 1, serverLabel(server, ip), server.ednsUdp, 0);
    case 'home-router':
      return servePublic(engine, q, depth + 1, `${ip} (home router, forwarding to the ISP's resolvers)`, 1232, 3);
    case 'systemd-resolved':
      return serveResolvedStub(engine, from, q, protocol, depth + 1);
    case 'none':
      addStep(engine, depth + 1, ip, `receive ${q.name} ${q.type}`, 'no reply', server.reason);
      return { kind: 'lost', reason: server.reason };
  }
}

// The CoreDNS pod kube-proxy sent the packet to: the path engine says which; without it, one of
// the Service's ready endpoints picked from a hash of the asker (conntrack keeps it per flow).
function backendOf(world: World, clusterId: string, svc: Service, from: Located, ip: string, path: ReachResult | undefined): Pod | undefined {
  const named = path?.via?.podName;
  if (named) {
    const pod = world.k8sGet<Pod>(clusterId, 'Pod', 'kube-system', named);
    if (pod) return pod;
  }
  const ready = serviceEndpoints(world, clusterId, svc).filter((ep) => ep.ready && ep.podName);
  const ns = svc.metadata.namespace ?? 'kube-system';
  // Try the hashed choice first, then the others in order (an endpoint whose pod is gone is skipped).
  const start = ready.length > 0 ? fnv1a(`${from.label}|${ip}`) % ready.length : 0;
  for (let i = 0; i < ready.length; i++) {
    const pod = world.k8sGet<Pod>(clusterId, 'Pod', ns, ready[(start + i) % ready.length]!.podName!);
    if (pod && isCorednsPod(pod)) return pod;
  }
  return undefined;
}
