// The DaemonSets AKS runs on every Linux node, on the host network so their pods show the node
// IP: kube-proxy (not with the Cilium dataplane, which replaces it), azure-ip-masq-agent,
// cloud-node-manager, the Azure Disk and Azure File CSI node plugins, azure-cns (Azure CNI),
// azure-npm (Azure network policy) and cilium (Cilium dataplane). Labels and selectors as a
// public `kubectl get all -A --show-labels` dump of an AKS cluster shows them.
import type { DaemonSet } from '../../../model/k8s/types.ts';
import type { PodNetworkMode } from '../cluster.ts';
import { addonLabels, container, daemonSet, MODE_LABEL, TOLERATE_ALL } from './builders.ts';
import type { AddonImages } from './images.ts';

function nodeAgent(
  name: string,
  labels: Record<string, string>,
  selector: Record<string, string>,
  podLabels: Record<string, string>,
  containers: ReturnType<typeof container>[],
  serviceAccountName = name,
): DaemonSet {
  return daemonSet({
    name,
    labels,
    selector,
    podLabels,
    containers,
    hostNetwork: true,
    priorityClassName: 'system-node-critical',
    serviceAccountName,
    tolerations: TOLERATE_ALL,
  });
}

function csiNode(driver: 'azuredisk' | 'azurefile', image: string, healthPort: number, images: AddonImages): DaemonSet {
  const app = { app: `csi-${driver}-node` };
  return nodeAgent(
    `csi-${driver}-node`,
    addonLabels('Reconcile', {}),
    app,
    app,
    [
      container('liveness-probe', images.livenessProbe, { args: ['--csi-address=/csi/csi.sock', `--health-port=${healthPort}`] }),
      container('node-driver-registrar', images.nodeDriverRegistrar, { args: ['--csi-address=$(ADDRESS)', '--v=2'] }),
      container(driver, image, { ports: [{ name: 'healthz', containerPort: healthPort, protocol: 'TCP' }] }),
    ],
    `csi-${driver}-node-sa`,
  );
}

export interface NodeAgentOptions {
  mode: PodNetworkMode;
  cilium: boolean;
  azureNetworkPolicy: boolean;
}

export function nodeAgents(images: AddonImages, o: NodeAgentOptions): DaemonSet[] {
  const out: DaemonSet[] = [];
  if (!o.cilium) {
    const kp = { component: 'kube-proxy', tier: 'node' };
    out.push(nodeAgent('kube-proxy', { [MODE_LABEL]: 'Reconcile', ...kp }, kp, kp, [
      container('kube-proxy', images.kubeProxy, { command: ['kube-proxy', '--conntrack-max-per-core=0', '--metrics-bind-address=0.0.0.0:10249'] }),
    ]));
  }
  const masq = { 'k8s-app': 'azure-ip-masq-agent', tier: 'node' };
  out.push(
    nodeAgent('azure-ip-masq-agent', addonLabels('Reconcile', { component: 'azure-ip-masq-agent', tier: 'node' }), masq, masq, [
      container('azure-ip-masq-agent', images.ipMasqAgent, { args: ['--v=2', '--resync-interval=60'] }),
    ]),
  );
  const cnm = { 'k8s-app': 'cloud-node-manager' };
  out.push(
    nodeAgent('cloud-node-manager', addonLabels('Reconcile', cnm), cnm, cnm, [
      container('cloud-node-manager', images.cloudNodeManager, { command: ['cloud-node-manager', '--node-name=$(NODE_NAME)', '--wait-routes=true'] }),
    ]),
  );
  out.push(csiNode('azuredisk', images.azureDisk, 29603, images), csiNode('azurefile', images.azureFile, 29613, images));
  if (o.mode === 'azure-cni' || o.mode === 'overlay') {
    const cns = { 'k8s-app': 'azure-cns' };
    out.push(
      nodeAgent('azure-cns', addonLabels('Reconcile', cns), cns, cns, [
        container('cns-container', images.azureCns, {
          ports: [
            { name: 'api', containerPort: 10090, protocol: 'TCP' },
            { name: 'metrics', containerPort: 10092, protocol: 'TCP' },
          ],
        }),
      ]),
    );
  }
  if (o.azureNetworkPolicy) {
    const npm = { 'k8s-app': 'azure-npm' };
    out.push(nodeAgent('azure-npm', addonLabels('Reconcile', npm), npm, npm, [container('azure-npm', images.azureNpm)]));
  }
  if (o.cilium) {
    const cilium = { 'k8s-app': 'cilium' };
    out.push(nodeAgent('cilium', addonLabels('Reconcile', cilium), cilium, cilium, [container('cilium-agent', images.cilium)]));
  }
  return out;
}
