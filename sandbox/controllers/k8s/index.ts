// The Kubernetes side of every cluster, in the order the settle loop runs it: the API server's
// own objects and AKS add-ons first, then Service allocation, the workload controllers, the
// garbage collector, the scheduler, the kubelets, workload status, and finally the Service
// backends (Endpoints, EndpointSlices), so one round carries a new Deployment all the way to
// ready endpoints.
import type { Controller } from '../types.ts';
import { addonsController } from './addons/controller.ts';
import { bootstrapController } from './bootstrap.ts';
import { daemonSetController } from './daemonset.ts';
import { deploymentController } from './deployment.ts';
import { endpointsController } from './endpoints.ts';
import { endpointSliceController } from './endpointslices.ts';
import { garbageCollector } from './gc.ts';
import { kubelet } from './kubelet.ts';
import { replicaSetController } from './replicaset.ts';
import { scheduler } from './scheduler.ts';
import { serviceController } from './services.ts';
import { workloadStatusController } from './workload-status.ts';

export function k8sControllers(): Controller[] {
  return [
    bootstrapController,
    addonsController,
    serviceController,
    deploymentController,
    replicaSetController,
    daemonSetController,
    garbageCollector,
    scheduler,
    kubelet,
    workloadStatusController,
    endpointsController,
    endpointSliceController,
  ];
}

export { selectorMatches } from './labels.ts';
export { podsForService, resolveTargetPort, serviceBackends } from './service-backends.ts';
export { validateService, type FieldError, type ServiceValidation } from './service-validation.ts';
export { admitService, dropTypeDependentFields, withServiceDefaults, type ServiceAdmission } from './services.ts';
export { withPodDefaults, qosClass } from './pod-defaults.ts';
export { podNetworkMode, type PodNetworkMode } from './cluster.ts';
export { isPodReady, isNodeReady } from './pods.ts';
export { AKS_COREFILE } from './addons/dns.ts';
