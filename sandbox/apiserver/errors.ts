// The API server's refusals as typed values. `message` is what kubectl prints after
// `Error from server (<reason>): `; for Invalid it is the whole text kubectl prints instead
// (`The Service "web" is invalid: ...`, several causes as a `* ` list), because kubectl
// rebuilds that line from the status details (kubectl `cmd/util/helpers.go`, StandardErrorMessage).
import type { FieldError } from './field-errors.ts';
import { invalidText } from './field-errors.ts';

export type K8sApiReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'Conflict'
  | 'MethodNotAllowed'
  | 'InternalError'
  /**
   * Not a server answer: kubectl's REST mapper finds no resource for the manifest's kind and
   * version, and prints `error: resource mapping not found for name: "<name>" namespace: "<ns>"
   * from "<file>": <message>` then `ensure CRDs are installed first`.
   */
  | 'NoKindMatch';

export interface K8sApiError {
  readonly k8sApiError: true;
  reason: K8sApiReason;
  /** HTTP status the API server answers with (0 for the client-side NoKindMatch). */
  code: number;
  message: string;
  /** Field errors of an Invalid answer, in the order the server lists them. */
  causes?: FieldError[];
}

export function isK8sApiError(value: unknown): value is K8sApiError {
  return typeof value === 'object' && value !== null && (value as { k8sApiError?: unknown }).k8sApiError === true;
}

function apiError(reason: K8sApiReason, code: number, message: string, causes?: FieldError[]): K8sApiError {
  const error: K8sApiError = { k8sApiError: true, reason, code, message };
  if (causes) error.causes = causes;
  return error;
}

/** `deployments.apps "web" not found` (the resource is plural.group, bare for the core group). */
export function notFound(qualifiedResource: string, name: string): K8sApiError {
  return apiError('NotFound', 404, `${qualifiedResource} "${name}" not found`);
}

export function alreadyExists(qualifiedResource: string, name: string): K8sApiError {
  return apiError('AlreadyExists', 409, `${qualifiedResource} "${name}" already exists`);
}

/** `The Deployment "web" is invalid: ...`; `kind` without its group, as kubectl prints it. */
export function invalid(kind: string, name: string, causes: FieldError[]): K8sApiError {
  return apiError('Invalid', 422, invalidText(kind, name, causes), causes);
}

export function badRequest(message: string): K8sApiError {
  return apiError('BadRequest', 400, message);
}

export function forbidden(qualifiedResource: string, name: string, why: string): K8sApiError {
  return apiError('Forbidden', 403, `${qualifiedResource} "${name}" is forbidden: ${why}`);
}

/** An update based on an older resourceVersion (apimachinery `NewConflict` with the storage error). */
export function conflict(qualifiedResource: string, name: string): K8sApiError {
  return apiError(
    'Conflict',
    409,
    `Operation cannot be fulfilled on ${qualifiedResource} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
  );
}

export function internalError(message: string): K8sApiError {
  return apiError('InternalError', 500, message);
}

/** apimachinery `meta.NoKindMatchError`: `no matches for kind "Foo" in version "v1"`. */
export function noKindMatch(kind: string, apiVersion: string): K8sApiError {
  return apiError('NoKindMatch', 0, `no matches for kind "${kind}" in version "${apiVersion}"`);
}
