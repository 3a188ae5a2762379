// Cluster DNS as AKS installs it in kube-system: the `coredns` Deployment behind the `kube-dns`
// Service at the DNS service IP, its Corefile (reconciled by AKS), the user's `coredns-custom`
// ConfigMap (only recreated if deleted), and the proportional autoscaler that sizes CoreDNS.
import type { ConfigMap, Deployment, Node, Service } from '../../../model/k8s/types.ts';
import { addonLabels, clusterIpService, configMap, container, deployment, TOLERATE_CRITICAL } from './builders.ts';
import type { AddonImages } from './images.ts';

/**
 * AKS's default Corefile since release v20241025 (public `kubectl get cm coredns -o yaml` dumps;
 * AKS-docs `coredns-custom.md`, `coredns-troubleshoot.md` for the two NXDOMAIN templates).
 */
export const AKS_COREFILE = `.:53 {
    errors
    ready
    health {
      lameduck 5s
    }
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
      ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
    import custom/*.override
    template ANY ANY internal.cloudapp.net {
      match "^(?:[^.]+\\.){4,}internal\\.cloudapp\\.net\\.$"
      rcode NXDOMAIN
      fallthrough
    }
    template ANY ANY reddog.microsoft.com {
      rcode NXDOMAIN
    }
}
import custom/*.server
`;

/** cluster-proportional-autoscaler "linear" parameters [assumption: upstream defaults, min 2]. */
export const COREDNS_AUTOSCALER_PARAMS = { coresPerReplica: 256, nodesPerReplica: 16, min: 2, preventSinglePointFailure: true };

/** replicas = max(ceil(cores / coresPerReplica), ceil(nodes / nodesPerReplica), min). */
export function corednsReplicas(nodes: readonly Node[]): number {
  const p = COREDNS_AUTOSCALER_PARAMS;
  const cores = nodes.reduce((n, node) => n + (Number.parseInt(node.status?.capacity?.cpu ?? '0', 10) || 0), 0);
  let replicas = Math.max(Math.ceil(cores / p.coresPerReplica), Math.ceil(nodes.length / p.nodesPerReplica), p.min);
  if (p.preventSinglePointFailure && nodes.length > 1) replicas = Math.max(replicas, 2);
  return replicas;
}

const DNS_LABELS = { 'k8s-app': 'kube-dns' };

export function corednsDeployment(images: AddonImages, replicas: number): Deployment {
  return deployment(
    {
      name: 'coredns',
      labels: addonLabels('Reconcile', { ...DNS_LABELS, 'kubernetes.io/name': 'CoreDNS', version: 'v20' }),
      selector: { ...DNS_LABELS, version: 'v20' },
      podLabels: { ...DNS_LABELS, 'kubernetes.io/cluster-service': 'true', version: 'v20' },
      containers: [
        container('coredns', images.coredns, {
          args: ['-conf', '/etc/coredns/Corefile'],
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
          ],
          resources: { limits: { cpu: '3', memory: '500Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5 },
          readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
        }),
      ],
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns',
      tolerations: TOLERATE_CRITICAL,
      dnsPolicy: 'Default',
    },
    replicas,
  );
}

export function corednsAutoscalerDeployment(images: AddonImages): Deployment {
  const labels = { 'k8s-app': 'coredns-autoscaler' };
  return deployment(
    {
      name: 'coredns-autoscaler',
      labels: addonLabels('Reconcile', labels),
      selector: labels,
      podLabels: labels,
      containers: [
        container('autoscaler', images.corednsAutoscaler, {
          command: [
            '/cluster-proportional-autoscaler',
            '--namespace=kube-system',
            '--configmap=coredns-autoscaler',
            '--target=deployment/coredns',
            `--default-params={"linear":${JSON.stringify(COREDNS_AUTOSCALER_PARAMS)}}`,
            '--logtostderr=true',
            '--v=2',
          ],
          resources: { requests: { cpu: '20m', memory: '10Mi' } },
        }),
      ],
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'coredns-autoscaler',
      tolerations: TOLERATE_CRITICAL,
    },
    1,
  );
}

export function kubeDnsService(dnsServiceIp: string): Service {
  return clusterIpService(
    'kube-dns',
    addonLabels('Reconcile', { ...DNS_LABELS, 'kubernetes.io/name': 'CoreDNS' }),
    DNS_LABELS,
    [
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
    ],
    dnsServiceIp,
  );
}

export function corednsConfigMaps(): { reconciled: ConfigMap[]; ensured: ConfigMap[] } {
  return {
    reconciled: [
      configMap('coredns', addonLabels('Reconcile', DNS_LABELS), { Corefile: AKS_COREFILE }),
      configMap('coredns-autoscaler', addonLabels('Reconcile', { 'k8s-app': 'coredns-autoscaler' }), {
        linear: JSON.stringify(COREDNS_AUTOSCALER_PARAMS),
      }),
    ],
    // Empty by default; users add `*.server` / `*.override` keys (AKS-docs `coredns-custom.md`).
    ensured: [configMap('coredns-custom', addonLabels('EnsureExists', DNS_LABELS))],
  };
}
