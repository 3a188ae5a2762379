// The cloud configuration AKS writes to every node as /etc/kubernetes/azure.json and that
// cloud-provider-azure reads: which resource group, VNet, subnet, NSG and route table the
// cluster's Kubernetes side manages. Not visible through ARM; the sandbox keeps one per cluster
// (WorldState.cloudConfigs) so the route controller and the service load balancer controller
// act on the same resources AKS chose at creation time.
// Field names follow azure.json's camelCase keys (cloud-provider-azure pkg/provider/config).

export interface AzureCloudConfig {
  cloud: 'AzurePublicCloud';
  tenantId: string;
  subscriptionId: string;
  /** The node resource group. */
  resourceGroup: string;
  location: string;
  vmType: 'vmss';
  vnetName: string;
  vnetResourceGroup: string;
  subnetName: string;
  securityGroupName: string;
  securityGroupResourceGroup: string;
  /** Empty when the cluster has no route table (anything but kubenet). */
  routeTableName: string;
  routeTableResourceGroup: string;
  primaryScaleSetName: string;
  loadBalancerSku: 'standard' | 'basic';
  /** Name of the cluster's load balancer(s): `kubernetes` (and `kubernetes-internal`). */
  loadBalancerName: string;
  excludeMasterFromStandardLB: boolean;
  disableOutboundSNAT: boolean;
  useManagedIdentityExtension: boolean;
  useInstanceMetadata: boolean;
  maximumLoadBalancerRuleCount: number;
  /** The pod address range the route controller is responsible for (kube-controller-manager --cluster-cidr). */
  clusterCidr: string | null;
}
