// Deployments that serve the control plane from inside the cluster: konnectivity-agent (the
// tunnel the managed API server uses to reach kubelets for logs/exec; not deployed with API
// Server VNet Integration, where the API server reaches nodes directly) and metrics-server
// behind its `metrics-server` Service. Both run 2 replicas on pod IPs (a public kubenet dump
// shows them on 10.244.x.x).
import type { Deployment, Service } from '../../../model/k8s/types.ts';
import { addonLabels, clusterIpService, container, deployment, TOLERATE_CRITICAL } from './builders.ts';
import type { AddonImages } from './images.ts';

export function konnectivityAgent(images: AddonImages, apiServerFqdn: string | null): Deployment {
  const app = { app: 'konnectivity-agent' };
  const args = [
    '--logtostderr=true',
    '--ca-cert=/certs/ca.crt',
    '--agent-cert=/certs/client.crt',
    '--agent-key=/certs/client.key',
    '--health-server-port=8082',
  ];
  if (apiServerFqdn) args.splice(1, 0, `--proxy-server-host=${apiServerFqdn}`, '--proxy-server-port=443');
  return deployment(
    {
      name: 'konnectivity-agent',
      labels: addonLabels('Reconcile', app),
      selector: app,
      podLabels: { ...app, component: 'tunnel' },
      containers: [container('konnectivity-agent', images.konnectivityAgent, { args })],
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'konnectivity-agent',
      tolerations: TOLERATE_CRITICAL,
    },
    2,
  );
}

const METRICS = { 'k8s-app': 'metrics-server' };

export function metricsServer(images: AddonImages): Deployment {
  return deployment(
    {
      name: 'metrics-server',
      labels: addonLabels('Reconcile', METRICS),
      selector: METRICS,
      podLabels: METRICS,
      containers: [
        container('metrics-server-vpa', images.addonResizer, {
          command: ['/pod_nanny', '--config-dir=/etc/config', '--deployment=metrics-server', '--container=metrics-server'],
        }),
        container('metrics-server', images.metricsServer, {
          args: ['--kubelet-insecure-tls', '--kubelet-preferred-address-types=InternalIP', '--cert-dir=/tmp', '--secure-port=4443'],
          ports: [{ name: 'https', containerPort: 4443, protocol: 'TCP' }],
        }),
      ],
      priorityClassName: 'system-cluster-critical',
      serviceAccountName: 'metrics-server',
      tolerations: TOLERATE_CRITICAL,
    },
    2,
  );
}

export function metricsServerService(): Service {
  return clusterIpService(
    'metrics-server',
    addonLabels('Reconcile', { 'kubernetes.io/name': 'Metrics-server' }),
    METRICS,
    [{ port: 443, protocol: 'TCP', targetPort: 'https' }],
  );
}
