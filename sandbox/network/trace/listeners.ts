// Whether anything accepts a connection at the far end. containerPort is informational in
// Kubernetes (a process listens whether or not it is declared), so a pod listens on its declared
// ports AND on what its image's program is known to serve; an unknown image serves only what it
// declares. Nodes run kubelet (10250), kube-proxy's health server (10256), sshd (22) and any
// host-network pod's ports.
import type { Container, Pod } from '../../model/k8s/types.ts';
import type { Protocol } from '../flow.ts';

interface Served {
  port: number;
  protocol: 'tcp' | 'udp';
}

const tcp = (...ports: number[]): Served[] => ports.map((port) => ({ port, protocol: 'tcp' as const }));

/**
 * What the sample images lessons use listen on by default (their documentation / Dockerfile
 * EXPOSE): repository without registry host, `library/` or tag.
 */
const KNOWN_IMAGES: Record<string, Served[]> = {
  nginx: tcp(80),
  httpd: tcp(80),
  'azuredocs/aks-helloworld': tcp(80),
  'azuredocs/azure-vote-front': tcp(80),
  'azuredocs/aci-helloworld': tcp(80),
  redis: tcp(6379),
  'bitnami/redis': tcp(6379),
  'oss/bitnami/redis': tcp(6379),
  // Echo servers: k8s' echoserver and jmalloc's listen on 8080.
  echoserver: tcp(8080),
  'google_containers/echoserver': tcp(8080),
  'jmalloc/echo-server': tcp(8080),
  'mendhak/http-https-echo': tcp(8080, 8443),
  'ealen/echo-server': tcp(80),
  'hashicorp/http-echo': tcp(5678),
  // agnhost's `netexec` (the usual echo for source-IP lessons) serves HTTP on 8080 by default.
  'e2e-test-images/agnhost': tcp(8080),
  'traefik/whoami': tcp(80),
  'kennethreitz/httpbin': tcp(80),
  // .NET 8+ images listen on 8080 (ASPNETCORE_HTTP_PORTS).
  'dotnet/samples': tcp(8080),
};

/** CoreDNS: DNS on 53 (UDP and TCP), health 8080, ready 8181, metrics 9153. */
const COREDNS: Served[] = [{ port: 53, protocol: 'udp' }, ...tcp(53, 8080, 8181, 9153)];

/** `mcr.microsoft.com/azuredocs/aks-helloworld:v1` → `azuredocs/aks-helloworld`; `nginx:1.27` → `nginx`. */
export function imageRepository(image: string): string {
  let name = image.split('@')[0]!;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > lastSlash) name = name.slice(0, colon);
  const parts = name.split('/');
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}

function imageServes(image: string): Served[] {
  const repo = imageRepository(image);
  if (repo.endsWith('/coredns') || repo === 'coredns') return COREDNS;
  const known = KNOWN_IMAGES[repo];
  if (known) return known;
  // e.g. registry.k8s.io/e2e-test-images/echoserver, or a mirror's path prefix.
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  return KNOWN_IMAGES[last] ?? [];
}

function declared(c: Container): Served[] {
  return (c.ports ?? [])
    .filter((p) => p.protocol === undefined || p.protocol === 'TCP' || p.protocol === 'UDP')
    .map((p) => ({ port: p.containerPort, protocol: p.protocol === 'UDP' ? ('udp' as const) : ('tcp' as const) }));
}

export interface ListenAnswer {
  listening: boolean;
  /** Who accepts (`container web (nginx serves TCP 80)`), or what does listen when nothing accepts. */
  detail: string;
}

function describe(served: Served[]): string {
  if (served.length === 0) return 'no ports';
  return served.map((s) => `${s.port}/${s.protocol.toUpperCase()}`).join(', ');
}

/** Whether a pod accepts a connection on the port; ICMP echo is answered by the kernel. */
export function podListens(pod: Pod, protocol: Protocol, port: number | undefined): ListenAnswer {
  if (protocol === 'icmp' || port === undefined) return { listening: true, detail: 'the pod\'s kernel answers ICMP echo' };
  const all: Served[] = [];
  for (const c of pod.spec.containers ?? []) {
    const fromImage = imageServes(c.image);
    if (fromImage.some((s) => s.port === port && s.protocol === protocol)) {
      return { listening: true, detail: `container ${c.name} (${imageRepository(c.image)}) listens on ${protocol.toUpperCase()} ${port}` };
    }
    if (declared(c).some((s) => s.port === port && s.protocol === protocol)) {
      return { listening: true, detail: `container ${c.name} declares and listens on ${protocol.toUpperCase()} ${port}` };
    }
    all.push(...declared(c), ...fromImage);
  }
  const unique = [...new Map(all.map((s) => [`${s.port}/${s.protocol}`, s])).values()];
  return { listening: false, detail: `its containers listen on ${describe(unique)}` };
}

/** The node's own daemons. kube-proxy's health server runs only where kube-proxy does. */
export function nodeListens(hostPods: readonly Pod[], kubeProxy: boolean, protocol: Protocol, port: number | undefined): ListenAnswer {
  if (protocol === 'icmp' || port === undefined) return { listening: true, detail: 'the node answers ICMP echo' };
  if (protocol === 'tcp') {
    if (port === 10250) return { listening: true, detail: 'kubelet listens on TCP 10250' };
    if (port === 22) return { listening: true, detail: 'sshd listens on TCP 22' };
    if (port === 10256 && kubeProxy) return { listening: true, detail: 'kube-proxy\'s health server listens on TCP 10256' };
  }
  for (const pod of hostPods) {
    const answer = podListens(pod, protocol, port);
    if (answer.listening) return { listening: true, detail: `host-network pod ${pod.metadata.namespace}/${pod.metadata.name}: ${answer.detail}` };
  }
  return { listening: false, detail: `only kubelet (TCP 10250), sshd (TCP 22)${kubeProxy ? ', kube-proxy health (TCP 10256)' : ''} and host-network pods listen there` };
}
