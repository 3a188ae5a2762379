// Who answers at the end of a delivered flow: the program in the pod that accepted it, a node's
// own daemons, the API server, a web site on the internet, a firewall answering in the server's
// place. 'refused' when the kernel there resets the connection; 'silent' when the packets are
// simply lost (an internet host that does not serve that port).
import type { Pod, Service } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { AZURE_HOST_IP, IMDS_IP } from '../../../network/addressing.ts';
import { podListens, type TraceResult } from '../../../network/trace/index.ts';
import { appServer } from '../http/apps.ts';
import { apiServer, kubelet, kubeProxyHealth, serviceHealth, sshd } from '../http/cluster-servers.ts';
import { imds } from '../http/imds.ts';
import { firewallDenial, internetServer } from '../http/internet.ts';
import type { Server } from '../http/types.ts';

export type FarEnd = { kind: 'server'; server: Server; hostname: string } | { kind: 'refused' } | { kind: 'silent' };

function podServer(pod: Pod, port: number): Server | undefined {
  for (const c of pod.spec.containers ?? []) {
    if (podListens({ ...pod, spec: { ...pod.spec, containers: [c] } }, 'tcp', port).listening) return appServer(c, pod, port);
  }
  return undefined;
}

function nodeServer(world: World, clusterId: string, nodeName: string, port: number): Server | undefined {
  const svc = world.k8sList<Service>(clusterId, 'Service').find((s) => s.spec.healthCheckNodePort === port && s.spec.externalTrafficPolicy === 'Local');
  if (svc) return serviceHealth(world, clusterId, svc, nodeName);
  if (port === 10256) return kubeProxyHealth();
  if (port === 10250) return kubelet(world, nodeName);
  if (port === 22) return sshd();
  // A host-network pod serving the port.
  for (const pod of world.k8sList<Pod>(clusterId, 'Pod')) {
    if (!pod.spec.hostNetwork || pod.spec.nodeName !== nodeName) continue;
    const s = podServer(pod, port);
    if (s) return s;
  }
  return undefined;
}

/** The far end of a trace whose verdict is 'delivered' (or a middlebox's answer). `name` is the host the client asked for. */
export function farEnd(world: World, t: TraceResult, name: string | undefined): FarEnd {
  // A firewall that proxies web traffic accepts the connection itself and answers in the server's place.
  if (t.answer) return { kind: 'server', server: firewallDenial(t.answer), hostname: 'firewall' };
  const port = t.finalDestination?.port ?? t.flow.to.port ?? 0;
  const ip = t.finalDestination?.ip ?? t.flow.to.ip ?? '';
  const reached = t.reached;
  switch (reached?.kind) {
    case 'pod': {
      const pod = world.k8sGet<Pod>(reached.clusterId, 'Pod', reached.namespace, reached.name);
      const server = pod ? podServer(pod, port) : undefined;
      return server ? { kind: 'server', server, hostname: reached.name } : { kind: 'refused' };
    }
    case 'node': {
      const server = nodeServer(world, reached.clusterId, reached.nodeName, port);
      return server ? { kind: 'server', server, hostname: reached.nodeName } : { kind: 'refused' };
    }
    case 'control-plane':
      return { kind: 'server', server: apiServer(world, reached.clusterId, true), hostname: 'kube-apiserver' };
    case 'internet': {
      const server = internetServer(world.now(), name, ip, port);
      return server ? { kind: 'server', server, hostname: server.name } : { kind: 'silent' };
    }
    case 'platform':
      if (ip === IMDS_IP && port === 80) return { kind: 'server', server: imds(world), hostname: 'imds' };
      if (ip === AZURE_HOST_IP && (port === 80 || port === 32526)) return { kind: 'refused' };
      return { kind: 'silent' };
    case 'machine':
    case 'host':
    case 'private-endpoint':
      return port === 22 ? { kind: 'server', server: sshd(), hostname: 'ssh' } : { kind: 'refused' };
    default:
      return { kind: 'silent' };
  }
}
