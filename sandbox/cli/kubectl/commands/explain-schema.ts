// A curated slice of the API's OpenAPI schema for `kubectl explain`: the kinds and fields the
// course uses (Pod, Service, Deployment, NetworkPolicy and what they contain). Descriptions are
// short paraphrases of the upstream ones; types, enums and required markers are the real ones.

export interface FieldSchema {
  /** `string`, `integer`, `boolean`, `Object`, or a schema name (`PodSpec`), `[]X`, `map[string]X`. */
  type: string;
  description: string;
  required?: boolean;
  enum?: string[];
}

export interface TypeSchema {
  description: string;
  fields: Record<string, FieldSchema>;
}

const f = (type: string, description: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({ type, description, ...extra });

const API_VERSION = f('string', 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources');
const KIND = f('string', 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds');
const METADATA = f('ObjectMeta', "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
const PROTOCOL = ['SCTP', 'TCP', 'UDP'];

export const SCHEMAS: Record<string, TypeSchema> = {
  Pod: {
    description: 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.',
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: f('PodSpec', 'Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status'),
      status: f('PodStatus', 'Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status'),
    },
  },
  PodSpec: {
    description: 'PodSpec is a description of a pod.',
    fields: {
      containers: f('[]Container', 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.', { required: true }),
      dnsConfig: f('PodDNSConfig', 'Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.'),
      dnsPolicy: f('string', 'Set DNS policy for the pod. Defaults to "ClusterFirst". Valid values are \'ClusterFirstWithHostNet\', \'ClusterFirst\', \'Default\' or \'None\'. DNS parameters given in DNSConfig will be merged with the policy selected with DNSPolicy. To have DNS options set along with hostNetwork, you have to specify DNS policy explicitly to \'ClusterFirstWithHostNet\'.', { enum: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'] }),
      hostNetwork: f('boolean', "Host networking requested for this pod. Use the host's network namespace. When using HostNetwork you should specify ports so the scheduler is aware. Default to false."),
      initContainers: f('[]Container', 'List of initialization containers belonging to the pod. Init containers are executed in order prior to containers being started.'),
      nodeName: f('string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod.'),
      nodeSelector: f('map[string]string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
      restartPolicy: f('string', 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy', { enum: ['Always', 'Never', 'OnFailure'] }),
      serviceAccountName: f('string', 'ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'),
      tolerations: f('[]Toleration', "If specified, the pod's tolerations."),
      volumes: f('[]Volume', 'List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes'),
    },
  },
  Container: {
    description: 'A single application container that you want to run within a pod.',
    fields: {
      args: f('[]string', "Arguments to the entrypoint. The container image's CMD is used if this is not provided."),
      command: f('[]string', "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided."),
      env: f('[]EnvVar', 'List of environment variables to set in the container. Cannot be updated.'),
      image: f('string', 'Container image name. More info: https://kubernetes.io/docs/concepts/containers/images'),
      imagePullPolicy: f('string', 'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated.', { enum: ['Always', 'IfNotPresent', 'Never'] }),
      livenessProbe: f('Probe', 'Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated.'),
      name: f('string', 'Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.', { required: true }),
      ports: f('[]ContainerPort', 'List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Cannot be updated.'),
      readinessProbe: f('Probe', 'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated.'),
      resources: f('ResourceRequirements', 'Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'),
    },
  },
  ContainerPort: {
    description: 'ContainerPort represents a network port in a single container.',
    fields: {
      containerPort: f('integer', "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.", { required: true }),
      hostIP: f('string', 'What host IP to bind the external port to.'),
      hostPort: f('integer', 'Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. If HostNetwork is specified, this must match ContainerPort. Most containers do not need this.'),
      name: f('string', 'If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.'),
      protocol: f('string', 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".', { enum: PROTOCOL }),
    },
  },
  PodStatus: {
    description: 'PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.',
    fields: {
      conditions: f('[]PodCondition', 'Current service state of pod. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions'),
      containerStatuses: f('[]ContainerStatus', 'Statuses of containers in this pod. Each container in the pod should have at most one status in this list.'),
      hostIP: f('string', 'hostIP holds the IP address of the host to which the pod is assigned. Empty if the pod has not started yet.'),
      phase: f('string', 'The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.', { enum: ['Failed', 'Pending', 'Running', 'Succeeded', 'Unknown'] }),
      podIP: f('string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
      podIPs: f('[]PodIP', 'podIPs holds the IP addresses allocated to the pod. If this field is specified, the 0th entry must match the podIP field.'),
      qosClass: f('string', "The Quality of Service (QOS) classification assigned to the pod based on resource requirements.", { enum: ['BestEffort', 'Burstable', 'Guaranteed'] }),
    },
  },
  Service: {
    description: 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.',
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: f('ServiceSpec', 'Spec defines the behavior of a service. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status'),
      status: f('ServiceStatus', 'Most recently observed status of the service. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status'),
    },
  },
  ServiceSpec: {
    description: 'ServiceSpec describes the attributes that a user creates on a service.',
    fields: {
      allocateLoadBalancerNodePorts: f('boolean', 'allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is "true".'),
      clusterIP: f('string', 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. "None" makes a headless service.'),
      clusterIPs: f('[]string', 'ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.'),
      externalIPs: f('[]string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service. These IPs are not managed by Kubernetes.'),
      externalName: f('string', 'externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). Requires `type` to be "ExternalName".'),
      externalTrafficPolicy: f('string', 'externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service\'s "externally-facing" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs). If set to "Local", the proxy will configure the service in a way that assumes that external load balancers will take care of balancing the service traffic between nodes, and so each node will deliver traffic only to the node-local endpoints of the service, without masquerading the client source IP. (Traffic mistakenly sent to a node with no endpoints will be dropped.) The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly (possibly modified by topology and other features). Note that traffic sent to an External IP or LoadBalancer IP from within the cluster will always get "Cluster" semantics, but clients sending to a NodePort from within the cluster may need to take traffic policy into account when picking a node.', { enum: ['Cluster', 'Local'] }),
      healthCheckNodePort: f('integer', 'healthCheckNodePort specifies the healthcheck nodePort for the service. This only applies when type is set to LoadBalancer and externalTrafficPolicy is set to Local. If a value is specified, is in-range, and is not in use, it will be used. If not specified, a value will be automatically allocated. External systems (e.g. load-balancers) can use this port to determine if a given node holds endpoints for this service or not.'),
      internalTrafficPolicy: f('string', 'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP. If set to "Local", the proxy will assume that pods only want to talk to endpoints of the service on the same node as the pod, dropping the traffic if there are no local endpoints. The default value, "Cluster", uses the standard behavior of routing to all endpoints evenly.', { enum: ['Cluster', 'Local'] }),
      ipFamilies: f('[]string', 'IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.'),
      ipFamilyPolicy: f('string', 'IPFamilyPolicy represents the dual-stack-ness requested or required by this Service. If there is no value provided, then this field will be set to SingleStack.', { enum: ['PreferDualStack', 'RequireDualStack', 'SingleStack'] }),
      loadBalancerClass: f('string', 'loadBalancerClass is the class of the load balancer implementation this Service belongs to. If not set, the default load balancer implementation (the cloud provider) is used.'),
      loadBalancerIP: f('string', 'Only applies to Service Type: LoadBalancer. This feature depends on whether the underlying cloud-provider supports specifying the loadBalancerIP when a load balancer is created. Deprecated: This field was under-specified and its meaning varies across implementations.'),
      loadBalancerSourceRanges: f('[]string', 'If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer will be restricted to the specified client IPs. More info: https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/'),
      ports: f('[]ServicePort', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
      selector: f('map[string]string', 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Ignored if type is ExternalName.'),
      sessionAffinity: f('string', 'Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None.', { enum: ['ClientIP', 'None'] }),
      type: f('string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName.', { enum: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'] }),
    },
  },
  ServicePort: {
    description: "ServicePort contains information on service's port.",
    fields: {
      appProtocol: f('string', 'The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand.'),
      name: f('string', 'The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names.'),
      nodePort: f('integer', 'The port on each node on which this service is exposed when type is NodePort or LoadBalancer. Usually assigned by the system. If a value is specified, in-range, and not in use it will be used, otherwise the operation will fail.'),
      port: f('integer', 'The port that will be exposed by this service.', { required: true }),
      protocol: f('string', 'The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.', { enum: PROTOCOL }),
      targetPort: f('IntOrString', "Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. If this is not specified, the value of the 'port' field is used (an identity map)."),
    },
  },
  ServiceStatus: {
    description: 'ServiceStatus represents the current status of a service.',
    fields: {
      conditions: f('[]Condition', 'Current service state'),
      loadBalancer: f('LoadBalancerStatus', 'LoadBalancer contains the current status of the load-balancer, if one is present.'),
    },
  },
  LoadBalancerStatus: {
    description: 'LoadBalancerStatus represents the status of a load-balancer.',
    fields: { ingress: f('[]LoadBalancerIngress', 'Ingress is a list containing ingress points for the load-balancer. Traffic intended for the service should be sent to these ingress points.') },
  },
  Deployment: {
    description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: f('DeploymentSpec', 'Specification of the desired behavior of the Deployment.'),
      status: f('DeploymentStatus', 'Most recently observed status of the Deployment.'),
    },
  },
  DeploymentSpec: {
    description: 'DeploymentSpec is the specification of the desired behavior of the Deployment.',
    fields: {
      minReadySeconds: f('integer', 'Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)'),
      paused: f('boolean', 'Indicates that the deployment is paused.'),
      progressDeadlineSeconds: f('integer', 'The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.'),
      replicas: f('integer', 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
      revisionHistoryLimit: f('integer', 'The number of old ReplicaSets to retain to allow rollback. Defaults to 10.'),
      selector: f('LabelSelector', "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.", { required: true }),
      strategy: f('DeploymentStrategy', 'The deployment strategy to use to replace existing pods with new ones.'),
      template: f('PodTemplateSpec', 'Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".', { required: true }),
    },
  },
  NetworkPolicy: {
    description: 'NetworkPolicy describes what network traffic is allowed for a set of Pods',
    fields: {
      apiVersion: API_VERSION,
      kind: KIND,
      metadata: METADATA,
      spec: f('NetworkPolicySpec', 'spec represents the specification of the desired behavior for this NetworkPolicy.'),
    },
  },
  NetworkPolicySpec: {
    description: 'NetworkPolicySpec provides the specification of a NetworkPolicy',
    fields: {
      egress: f('[]NetworkPolicyEgressRule', 'egress is a list of egress rules to be applied to the selected pods. Outgoing traffic is allowed if there are no NetworkPolicies selecting the pod (and cluster policy otherwise allows the traffic), OR if the traffic matches at least one egress rule across all of the NetworkPolicy objects whose podSelector matches the pod.'),
      ingress: f('[]NetworkPolicyIngressRule', "ingress is a list of ingress rules to be applied to the selected pods. Traffic is allowed to a pod if there are no NetworkPolicies selecting the pod (and cluster policy otherwise allows the traffic), OR if the traffic source is the pod's local node, OR if the traffic matches at least one ingress rule across all of the NetworkPolicy objects whose podSelector matches the pod."),
      podSelector: f('LabelSelector', 'podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in the policy\'s namespace.'),
      policyTypes: f('[]string', 'policyTypes is a list of rule types that the NetworkPolicy relates to. Valid options are ["Ingress"], ["Egress"], or ["Ingress", "Egress"]. If this field is not specified, it will default based on the existence of ingress or egress rules.'),
    },
  },
  NetworkPolicyIngressRule: {
    description: 'NetworkPolicyIngressRule describes a particular set of traffic that is allowed to the pods matched by a NetworkPolicySpec\'s podSelector. The traffic must match both ports and from.',
    fields: {
      from: f('[]NetworkPolicyPeer', 'from is a list of sources which should be able to access the pods selected for this rule. If this field is empty or missing, this rule matches all sources (traffic not restricted by source).'),
      ports: f('[]NetworkPolicyPort', 'ports is a list of ports which should be made accessible on the pods selected for this rule. If this field is empty or missing, this rule matches all ports (traffic not restricted by port).'),
    },
  },
  NetworkPolicyEgressRule: {
    description: "NetworkPolicyEgressRule describes a particular set of traffic that is allowed out of pods matched by a NetworkPolicySpec's podSelector. The traffic must match both ports and to.",
    fields: {
      ports: f('[]NetworkPolicyPort', 'ports is a list of destination ports for outgoing traffic. If this field is empty or missing, this rule matches all ports (traffic not restricted by port).'),
      to: f('[]NetworkPolicyPeer', 'to is a list of destinations for outgoing traffic of pods selected for this rule. If this field is empty or missing, this rule matches all destinations (traffic not restricted by destination).'),
    },
  },
  NetworkPolicyPeer: {
    description: 'NetworkPolicyPeer describes a peer to allow traffic to/from. Only certain combinations of fields are allowed',
    fields: {
      ipBlock: f('IPBlock', 'ipBlock defines policy on a particular IPBlock. If this field is set then neither of the other fields can be.'),
      namespaceSelector: f('LabelSelector', 'namespaceSelector selects namespaces using cluster-scoped labels. If podSelector is also set, then the NetworkPolicyPeer as a whole selects the pods matching podSelector in the namespaces selected by namespaceSelector.'),
      podSelector: f('LabelSelector', "podSelector is a label selector which selects pods. If namespaceSelector is also set, then the NetworkPolicyPeer as a whole selects the pods matching podSelector in the Namespaces selected by NamespaceSelector. Otherwise it selects the pods matching podSelector in the policy's own namespace."),
    },
  },
  ObjectMeta: {
    description: 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
    fields: {
      annotations: f('map[string]string', 'Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects.'),
      labels: f('map[string]string', 'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services.'),
      name: f('string', 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.'),
      namespace: f('string', 'Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation.'),
      uid: f('string', 'UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations.'),
    },
  },
};

/** The schema name a field's type refers to (`[]Container` → Container). */
export function refOf(type: string): string | undefined {
  const base = type.replace(/^\[\]/, '').replace(/^map\[string\]/, '');
  return SCHEMAS[base] ? base : undefined;
}
