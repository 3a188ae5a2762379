// A small real cluster (built by the AKS and Kubernetes controllers) for API-server tests, and
// short helpers to call the API and settle as kubectl and the cluster would.
import { expect } from 'vitest';
import { isK8sApiError, type K8sApiError } from '../../../sandbox/apiserver/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import type { K8sObject } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import { buildScenario, scenarioControllers } from '../../../sandbox/scenarios/build.ts';

export interface Lab {
  world: World;
  id: string;
}

export function lab(seed = 'apiserver-test', kubernetesVersion?: string): Lab {
  const { world } = buildScenario({
    id: seed,
    title: seed,
    description: seed,
    seed,
    steps: [
      { kind: 'group', name: 'rg1', location: 'eastus' },
      { kind: 'aks', request: { resourceGroup: 'rg1', name: 'aks1', networkPlugin: 'kubenet', nodeCount: 2, ...(kubernetesVersion ? { kubernetesVersion } : {}) } },
    ],
  }, { arrive: false });
  const id = Object.keys(world.state.clusters)[0]!;
  return { world, id };
}

export function settleAll(world: World): void {
  expect(settle(world, scenarioControllers()).settled).toBe(true);
}

export function ok<T>(result: T | K8sApiError): T {
  if (isK8sApiError(result)) throw new Error(`unexpected ${result.reason}: ${result.message}`);
  return result;
}

export function refused(result: unknown): K8sApiError {
  expect(isK8sApiError(result)).toBe(true);
  return result as K8sApiError;
}

export function deployment(name: string, labels: Record<string, string> = { app: name }, replicas?: number): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  };
  if (replicas !== undefined) spec['replicas'] = replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec };
}

export function copy<T extends K8sObject | Record<string, unknown>>(obj: T): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}
