// The servers of an AKS cluster's own machinery: kube-apiserver (public or private endpoint,
// TLS with the cluster CA, HTTP/2), kubelet, kube-proxy's health servers (its own on 10256 and
// the per-Service one on a Local Service's healthCheckNodePort), sshd on nodes, and the Azure
// Instance Metadata Service.
import { healthzResponse } from '../../../controllers/cloud-lb/healthz.ts';
import type { ManagedCluster } from '../../../model/azure/types.ts';
import type { Service } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { clusterCert } from './certs.ts';
import { goNotFound, goReply } from './go-server.ts';
import { header, httpDate, response, type HttpRequest, type Server, type ServeContext, type ServerReply } from './types.ts';

/** Go's TLS server answering a plain HTTP request (crypto/tls via net/http). */
function plainToTls(): ServerReply {
  return { kind: 'http', response: { status: 400, reason: 'Bad Request', version: '1.0', headers: [], body: 'Client sent an HTTP request to an HTTPS server.\n' } };
}

/** Status objects as kube-apiserver writes them for curl (pretty-printed JSON). */
function statusBody(code: number, reason: string, message: string): string {
  return `${JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }, null, 2)}\n`;
}

/**
 * kube-apiserver of an AKS cluster. An anonymous request (no client certificate, no bearer
 * token) is rejected with 401 Unauthorized. [assumption: AKS answers anonymous requests with 401]
 */
export function apiServer(world: World, clusterId: string, tls: boolean): Server {
  const mc = world.resource<ManagedCluster>(clusterId);
  const names = ['hcp-kubernetes', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];
  if (mc?.fqdn) names.push(mc.fqdn);
  if (mc?.privateFqdn) names.push(mc.privateFqdn);
  names.push('10.0.0.1');
  return {
    name: 'kube-apiserver',
    tls: tls ? clusterCert(world.now(), 'CN=apiserver', names) : undefined,
    h2: true,
    serve(req: HttpRequest, ctx: ServeContext): ServerReply {
      if (req.scheme === 'http') return plainToTls();
      // With or without a (bogus) bearer token the answer is the same: no valid credentials.
      const body = statusBody(401, 'Unauthorized', 'Unauthorized');
      return response(401, [
        ['audit-id', deterministicId(ctx)],
        ['cache-control', 'no-cache, private'],
        ['content-type', 'application/json'],
        ['date', httpDate(ctx.world.now())],
        ['content-length', String(body.length)],
      ], req.method === 'HEAD' ? '' : body);
    },
  };
}

function deterministicId(ctx: ServeContext): string {
  const h = (n: number) => ((ctx.world.now() * 7919 + ctx.clientPort * 104729 + n * 15485863) >>> 0).toString(16).padStart(8, '0');
  const a = h(1);
  const b = h(2);
  const c = h(3);
  const d = h(4);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** kubelet's API on 10250: TLS, and 401 for anonymous requests (AKS disables anonymous kubelet auth). */
export function kubelet(world: World, nodeName: string): Server {
  return {
    name: 'kubelet',
    tls: clusterCert(world.now(), `CN=system:node:${nodeName}, O=system:nodes`, [nodeName]),
    h2: true,
    serve(req, ctx) {
      if (req.scheme === 'http') return plainToTls();
      return goReply(ctx, 401, 'Unauthorized\n', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], undefined, req.method === 'HEAD');
    },
  };
}

/** kube-proxy's own health server on 10256 (/healthz, /livez). */
export function kubeProxyHealth(): Server {
  return {
    name: 'kube-proxy healthz',
    serve(req, ctx) {
      const path = req.target.split('?')[0];
      const head = req.method === 'HEAD';
      if (path !== '/healthz' && path !== '/livez') return goNotFound(ctx, head);
      const stamp = new Date(ctx.world.now()).toISOString().replace('T', ' ').replace('Z', '');
      const body = `{"lastUpdated": "${stamp} +0000 UTC m=+0.000000000","currentTime": "${stamp} +0000 UTC m=+0.000000000", "nodeEligible": true}`;
      return goReply(ctx, 200, body, [['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']], undefined, head);
    },
  };
}

/** The per-Service health check on a Local Service's healthCheckNodePort (any path). */
export function serviceHealth(world: World, clusterId: string, svc: Service, nodeName: string): Server | undefined {
  if (!healthzResponse(world, clusterId, svc, nodeName)) return undefined;
  return {
    name: `health check of ${svc.metadata.namespace}/${svc.metadata.name}`,
    serve(req) {
      const r = healthzResponse(world, clusterId, svc, nodeName)!;
      return response(r.status, Object.entries(r.headers), req.method === 'HEAD' ? '' : r.body, r.statusText);
    },
  };
}

/** sshd on an AKS node (Ubuntu 22.04): it speaks first, and not HTTP. */
export function sshd(): Server {
  return {
    name: 'sshd',
    banner: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.13\r\n',
    serve() {
      return { kind: 'raw', text: 'SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.13\r\nInvalid SSH identification string.\r\n' };
    },
  };
}
