// Kubernetes objects in their API shape (what `kubectl get -o json` prints), trimmed to the
// fields the sandbox models. Unknown fields a learner applies are kept as they are.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generation?: number;
  generateName?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  finalizers?: string[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
}

export interface PodSpec {
  containers: Container[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostNetwork?: boolean;
  dnsPolicy?: 'ClusterFirst' | 'Default' | 'ClusterFirstWithHostNet' | 'None';
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  serviceAccountName?: string;
  tolerations?: unknown[];
  [key: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: string | null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  image: string;
  imageID: string;
  containerID?: string;
  state: {
    running?: { startedAt: string };
    waiting?: { reason: string; message?: string };
    terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string };
  };
  lastState?: ContainerStatus['state'];
}

export interface PodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  qosClass?: string;
  reason?: string;
  message?: string;
}

export interface Pod extends K8sObject {
  kind: 'Pod';
  spec: PodSpec;
  status: PodStatus;
}

export interface NodeCondition {
  type: 'Ready' | 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'NetworkUnavailable';
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface Node extends K8sObject {
  kind: 'Node';
  spec: { podCIDR?: string; podCIDRs?: string[]; providerID: string; unschedulable?: boolean; taints?: unknown[] };
  status: {
    addresses: { type: 'InternalIP' | 'Hostname' | 'ExternalIP'; address: string }[];
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: NodeCondition[];
    nodeInfo: Record<string, string>;
    daemonEndpoints?: { kubeletEndpoint: { Port: number } };
  };
}

export interface ServicePort {
  name?: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export interface ServiceSpec {
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  selector?: Record<string, string>;
  ports: ServicePort[];
  clusterIP?: string;
  clusterIPs?: string[];
  externalIPs?: string[];
  externalName?: string;
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  sessionAffinity?: 'None' | 'ClientIP';
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
  /** Set: another controller than the cloud provider implements the load balancer. */
  loadBalancerClass?: string;
}

export interface Service extends K8sObject {
  kind: 'Service';
  spec: ServiceSpec;
  status: { loadBalancer: { ingress?: { ip?: string; hostname?: string; ipMode?: 'VIP' | 'Proxy' }[] } };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: 'Pod'; name: string; namespace: string; uid: string };
}

export interface Endpoints extends K8sObject {
  kind: 'Endpoints';
  subsets?: {
    addresses?: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
    ports?: { name?: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[];
  }[];
}

export interface EndpointSlice extends K8sObject {
  kind: 'EndpointSlice';
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: {
    addresses: string[];
    conditions: { ready: boolean; serving: boolean; terminating: boolean };
    nodeName?: string;
    targetRef?: EndpointAddress['targetRef'];
    /** The node's `topology.kubernetes.io/zone` label. */
    zone?: string;
  }[];
  ports: { name: string; port: number; protocol: 'TCP' | 'UDP' | 'SCTP' }[];
}

export interface Deployment extends K8sObject {
  kind: 'Deployment';
  spec: {
    replicas: number;
    selector: LabelSelector;
    template: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
    strategy?: unknown;
    [key: string]: unknown;
  };
  status: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: unknown[];
  };
}

export interface ReplicaSet extends K8sObject {
  kind: 'ReplicaSet';
  spec: { replicas: number; selector: LabelSelector; template: Deployment['spec']['template'] };
  status: { replicas: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

export interface DaemonSet extends K8sObject {
  kind: 'DaemonSet';
  spec: { selector: LabelSelector; template: Deployment['spec']['template'] };
  status: Record<string, number>;
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicy extends K8sObject {
  kind: 'NetworkPolicy';
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { protocol?: string; port?: number | string }[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: { protocol?: string; port?: number | string }[] }[];
  };
}

export interface ConfigMap extends K8sObject {
  kind: 'ConfigMap';
  data?: Record<string, string>;
}

export interface K8sEvent extends K8sObject {
  kind: 'Event';
  involvedObject: { kind: string; name: string; namespace?: string; uid: string; apiVersion: string; fieldPath?: string };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent: string;
  reportingInstance: string;
}
