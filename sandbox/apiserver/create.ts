// POST: what kube-apiserver does with a new object before it is stored — decode, drop what only
// the server sets, generate a name, default, admit (NamespaceLifecycle, then the Service
// allocators), validate, refuse duplicates — then store it through World. The caller settles.
import { qosClass } from '../controllers/k8s/pod-defaults.ts';
import { generateName } from '../controllers/k8s/names.ts';
import { admitService } from '../controllers/k8s/services.ts';
import { put } from '../controllers/k8s/store.ts';
import type { K8sObject, PodSpec, Service } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import { admitNamespace, decodeManifest, SERVER_FIELDS, valueStyleOf, type Target, type WriteOptions } from './context.ts';
import { applyDefaults } from './defaults.ts';
import { alreadyExists, badRequest, internalError, invalid, isK8sApiError, type K8sApiError } from './errors.ts';
import { qualifiedResource } from './resources.ts';
import { validateObject } from './validate.ts';

/** The status the registry strategies give a new object (`PrepareForCreate`). */
function initialStatus(obj: K8sObject): unknown {
  switch (obj.kind) {
    case 'Pod':
      return { phase: 'Pending', qosClass: qosClass(obj.spec as PodSpec) };
    case 'Service':
      return { loadBalancer: {} };
    case 'Namespace':
      return { phase: 'Active' };
    case 'ReplicaSet':
      return { replicas: 0 };
    case 'DaemonSet':
      return { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 };
    case 'Deployment':
      return {};
    default:
      return obj.status;
  }
}

function prepare(world: World, clusterId: string, target: Target): K8sApiError | undefined {
  const { obj, type } = target;
  if (obj.metadata.resourceVersion) return badRequest('resourceVersion should not be set on objects to be created');
  for (const field of SERVER_FIELDS) delete (obj.metadata as unknown as Record<string, unknown>)[field];
  delete (obj.metadata as unknown as Record<string, unknown>)['resourceVersion'];
  if (!obj.metadata.name && obj.metadata.generateName) {
    const ns = target.namespace;
    obj.metadata.name = generateName(world, clusterId, obj.metadata.generateName, (n) => !!world.k8sGet(clusterId, type.kind, ns, n));
  }
  applyDefaults(obj);
  if (type.statusSubresource) {
    const status = initialStatus(obj);
    if (status === undefined) delete obj.status;
    else obj.status = status;
  }
  if (type.hasGeneration) obj.metadata.generation = 1;
  return undefined;
}

/** Validation and, for Services, admission with ClusterIP and NodePort allocation. */
function admit(world: World, clusterId: string, target: Target, existing?: K8sObject): K8sObject | K8sApiError {
  const { obj } = target;
  const name = obj.metadata.name ?? '';
  const causes = validateObject(obj, valueStyleOf(world, clusterId), existing);
  if (causes.length > 0) return invalid(obj.kind, name, causes);
  if (obj.kind !== 'Service') return obj;
  const verdict = admitService(world, clusterId, obj as Service, existing as Service | undefined);
  if (verdict.ok) return verdict.service;
  return verdict.reason === 'Invalid' ? invalid('Service', name, verdict.causes) : internalError(verdict.message);
}

export { admit as admitObject };

/** Creates an object from a manifest; returns the stored object (do not edit it) or the refusal. */
export function createObject(world: World, clusterId: string, manifest: unknown, options: WriteOptions = {}): K8sObject | K8sApiError {
  const target = decodeManifest(manifest, options);
  if (isK8sApiError(target)) return target;
  const refused = prepare(world, clusterId, target) ?? admitNamespace(world, clusterId, target, target.obj.metadata.name ?? '');
  if (refused) return refused;
  const admitted = admit(world, clusterId, target);
  if (isK8sApiError(admitted)) return admitted;
  const { type, namespace } = target;
  if (world.k8sGet(clusterId, type.kind, namespace, admitted.metadata.name)) return alreadyExists(qualifiedResource(type), admitted.metadata.name);
  if (options.dryRun) return admitted;
  admitted.metadata.uid = '';
  admitted.metadata.resourceVersion = '';
  admitted.metadata.creationTimestamp = '';
  return put(world, clusterId, admitted);
}
