// Every controller of the simulated cloud, in the order one settle round runs them: AKS builds
// Azure resources and Nodes, Kubernetes runs workloads and Services, cloud-provider-azure turns
// LoadBalancer Services into Azure load balancer configuration, nodes report their health, and
// the API server finishes deletions (terminating namespaces, foreground cascades).
import { apiServerLifecycleController } from '../apiserver/lifecycle-controller.ts';
import { aksControllers } from './aks/index.ts';
import { cloudLoadBalancerController } from './cloud-lb/controller.ts';
import { k8sControllers } from './k8s/index.ts';
import { nodeHealthController } from './node-health/index.ts';
import type { Controller } from './types.ts';

export function allControllers(): Controller[] {
  return [...aksControllers(), ...k8sControllers(), cloudLoadBalancerController, nodeHealthController, apiServerLifecycleController];
}
