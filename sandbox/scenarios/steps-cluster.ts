// Scenario steps that act on clusters the way the learner's tools would: `az aks create`,
// `az aks get-credentials`, `kubectl create -f`, AKS operations (update, scale, nodepool add),
// plus the two knobs that are not API calls: scenario conditions and virtual time.
import { addNodePool, createManagedCluster, reconcileManagedCluster, scaleNodePool, type AksCreateRequest } from '../controllers/aks/index.ts';
import { createObject, isK8sApiError, parseManifests } from '../apiserver/index.ts';
import { isAzureError, type AzureError } from '../model/azure/errors.ts';
import { clusterCredentials } from '../model/kubeconfig-credentials.ts';
import { mergeKubeconfig, parseKubeconfig, renderKubeconfig } from '../model/kubeconfig.ts';
import type { World } from '../model/world.ts';
import { findCluster, resolveRef, scenarioError } from './refs.ts';
import type { ScenarioStep } from './types.ts';

type Step<K extends ScenarioStep['kind']> = Extract<ScenarioStep, { kind: K }>;

export const KUBECONFIG_FILE = '.kube/config';

function refused(what: string, error: AzureError): Error {
  return scenarioError(`${what} refused: (${error.code}) ${error.message}`);
}

/** Subnet and zone ids in the request may be scenario references. */
function withResolvedIds(world: World, request: AksCreateRequest): AksCreateRequest {
  const out = { ...request };
  if (out.vnetSubnetId) out.vnetSubnetId = resolveRef(world, out.vnetSubnetId, 'subnet');
  if (out.apiserverSubnetId) out.apiserverSubnetId = resolveRef(world, out.apiserverSubnetId, 'subnet');
  const zone = out.privateDnsZone;
  if (zone && zone.toLowerCase() !== 'system' && zone.toLowerCase() !== 'none') out.privateDnsZone = resolveRef(world, zone, 'private-dns-zone');
  return out;
}

export function aksStep(world: World, step: Step<'aks'>): void {
  const result = createManagedCluster(world, withResolvedIds(world, step.request));
  if (isAzureError(result)) throw refused(`az aks create ${step.request.name}`, result);
}

export function credentialsStep(world: World, step: Step<'credentials'>, files: Record<string, string>): void {
  const cluster = findCluster(world, step.cluster);
  const credentials = clusterCredentials(world, cluster.id, { admin: step.admin, publicFqdn: step.publicFqdn });
  if (isAzureError(credentials)) throw refused(`az aks get-credentials ${cluster.name}`, credentials);
  const current = files[KUBECONFIG_FILE];
  let existing;
  if (current !== undefined) {
    const parsed = parseKubeconfig(current);
    if (!parsed.ok) throw scenarioError(`the scenario's kubeconfig does not parse: ${parsed.message}`);
    existing = parsed.config;
  }
  const merged = mergeKubeconfig(existing, credentials, { overwriteExisting: step.overwriteExisting, contextName: step.contextName });
  if (!merged.ok) throw scenarioError(merged.message);
  files[KUBECONFIG_FILE] = renderKubeconfig(merged.config);
}

export function manifestStep(world: World, step: Step<'manifest'>): void {
  const cluster = findCluster(world, step.cluster);
  const parsed = parseManifests(step.yaml);
  if (!parsed.ok) throw scenarioError(`manifest for ${cluster.name}: ${parsed.message}`);
  for (const doc of parsed.objects) {
    const result = createObject(world, cluster.id, doc, { namespace: step.namespace });
    if (isK8sApiError(result)) throw scenarioError(`manifest for ${cluster.name}: ${result.message}`);
  }
}

export function operationStep(world: World, step: Step<'operation'>): void {
  const cluster = findCluster(world, step.cluster);
  let result;
  switch (step.op) {
    case 'reconcile':
      result = reconcileManagedCluster(world, cluster.id);
      break;
    case 'scale':
      result = scaleNodePool(world, cluster.id, step.pool ?? cluster.agentPoolProfiles[0]!.name, step.count);
      break;
    case 'addNodePool':
      result = addNodePool(world, cluster.id, step.pool);
      break;
  }
  if (isAzureError(result)) throw refused(`${step.op} on ${cluster.name}`, result);
}

export function conditionsStep(world: World, step: Step<'conditions'>): void {
  world.state.conditions = { ...world.state.conditions, ...JSON.parse(JSON.stringify(step.values)) as Record<string, unknown> };
  world.touch();
}

export function advanceStep(world: World, step: Step<'advance'>): void {
  world.advance(step.seconds * 1000);
  world.touch();
}
