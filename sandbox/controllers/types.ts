// A controller looks at the world and moves it one step toward what its inputs declare,
// as AKS, kube-controller-manager, kube-proxy and cloud-provider-azure do. It must be
// idempotent: a second call with nothing new to do changes nothing (and so leaves world.dirty false).
import type { World } from '../model/world.ts';

export interface Controller {
  name: string;
  reconcile(world: World): void;
}
