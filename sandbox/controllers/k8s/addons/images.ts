// Images of the AKS system add-ons, as a public dump of an AKS 1.32 cluster's kube-system lists
// them. kube-proxy and cloud-node-manager follow the cluster's Kubernetes version (for
// cloud-node-manager reusing the cluster's patch number is an assumption).
export function addonImages(version: string) {
  return {
    coredns: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-6',
    corednsAutoscaler: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.9.0-1',
    konnectivityAgent: 'mcr.microsoft.com/oss/kubernetes/apiserver-network-proxy/agent:v0.30.3-hotfix.20240819',
    metricsServer: 'mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.7.2-6',
    addonResizer: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/addon-resizer:v1.8.23-2',
    kubeProxy: `mcr.microsoft.com/oss/kubernetes/kube-proxy:v${version}`,
    cloudNodeManager: `mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v${version}`,
    ipMasqAgent: 'mcr.microsoft.com/oss/v2/azure/ip-masq-agent-v2:v0.1.15-2',
    livenessProbe: 'mcr.microsoft.com/oss/kubernetes-csi/livenessprobe:v2.15.0',
    nodeDriverRegistrar: 'mcr.microsoft.com/oss/kubernetes-csi/csi-node-driver-registrar:v2.13.0',
    azureDisk: 'mcr.microsoft.com/oss/kubernetes-csi/azuredisk-csi:v1.32.1',
    azureFile: 'mcr.microsoft.com/oss/kubernetes-csi/azurefile-csi:v1.32.1',
    azureNpm: 'mcr.microsoft.com/containernetworking/azure-npm:v1.5.45',
    // [assumption] versions of the images below were not seen in a dump.
    azureCns: 'mcr.microsoft.com/containernetworking/azure-cns:v1.6.23',
    cilium: 'mcr.microsoft.com/containernetworking/cilium/cilium:v1.16.6-250129',
  };
}

export type AddonImages = ReturnType<typeof addonImages>;
