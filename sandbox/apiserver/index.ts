// The Kubernetes API server of every simulated cluster: what kubectl and scenarios call to
// read and change Kubernetes objects. Writes go through World; the caller settles afterwards.
export { createObject } from './create.ts';
export { replaceObject } from './replace.ts';
export { deleteObject, IMMORTAL_NAMESPACES, type Cascade, type DeleteOptions, type DeleteResult } from './delete.ts';
export { getObject, listObjects } from './read.ts';
export type { WriteOptions } from './context.ts';
export { isK8sApiError, type K8sApiError, type K8sApiReason } from './errors.ts';
export { invalidText, valueStyleFor, type FieldError, type ValueStyle } from './field-errors.ts';
export {
  qualifiedResource,
  resolveResourceName,
  resourceForKind,
  resourceForManifest,
  resourceTypes,
  type ResourceType,
} from './resources.ts';
export { parseLabelSelector, requirementsMatch, type Requirement } from './label-selector.ts';
export { parseManifests, type ParsedManifests } from './manifest.ts';
export { apiServerLifecycleController } from './lifecycle-controller.ts';
export { encodeText as base64Encode, decodeText as base64Decode } from './base64.ts';
