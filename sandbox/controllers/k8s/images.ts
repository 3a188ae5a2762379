// Container images as containerd reports them: fully qualified names (`docker.io/library/nginx:
// latest`), digests derived from the name, and the kubelet's pull events. Sizes and pull times
// are seeded by the image so every run prints the same numbers.
import { fnv1a } from '../../core/hash.ts';
import { flatHex } from './ids.ts';

/** `nginx` → `docker.io/library/nginx:latest`; registries with a dot, colon or `localhost` stay. */
export function normalizeImage(image: string): string {
  let name = image;
  const firstSlash = name.indexOf('/');
  const host = firstSlash === -1 ? '' : name.slice(0, firstSlash);
  if (firstSlash === -1) name = `docker.io/library/${name}`;
  else if (!host.includes('.') && !host.includes(':') && host !== 'localhost') name = `docker.io/${name}`;
  if (name.includes('@')) return name;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? name : `${name}:latest`;
}

/** `repo@sha256:<digest>` as containerd reports the image ID. */
export function imageId(image: string): string {
  const normalized = normalizeImage(image);
  if (normalized.includes('@')) return normalized;
  const repo = normalized.slice(0, normalized.lastIndexOf(':'));
  return `${repo}@sha256:${flatHex(`image-digest:${normalized}`, 64)}`;
}

/**
 * AKS node images (VHDs) carry the AKS component images pre-pulled, so system pods start with
 * "already present" [assumption: any mcr.microsoft.com image counts as cached].
 */
export function preCachedOnNode(image: string): boolean {
  return normalizeImage(image).startsWith('mcr.microsoft.com/');
}

/** Go's `time.Duration` printing for pull times (`812ms`, `2.915s`). */
function goDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toString()}s`;
}

/** The kubelet's Pulled message after a real pull (k8s ≥1.30 wording with the image size). */
export function pulledMessage(image: string, nodeName: string): string {
  const ms = 400 + (fnv1a(`pull:${image}:${nodeName}`) % 9000);
  const size = 5_000_000 + (fnv1a(`size:${normalizeImage(image)}`) % 180_000_000);
  const d = goDuration(ms);
  return `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${size} bytes.`;
}

export function alreadyPresentMessage(image: string): string {
  return `Container image "${image}" already present on machine`;
}
