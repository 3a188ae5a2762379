// Kubernetes and node image versions the simulated AKS offers. A cluster created without
// --kubernetes-version gets the default minor; AKS then reports the minor as
// kubernetesVersion and the patch it runs as currentKubernetesVersion (emulator-facts §2.2).

/** Latest patch per supported minor (late 2026 is assumed to still offer these). */
const LATEST_PATCH: Record<string, string> = {
  '1.31': '1.31.13',
  '1.32': '1.32.9',
  '1.33': '1.33.5',
  '1.34': '1.34.1',
};

export const DEFAULT_KUBERNETES_VERSION = '1.33';

export function supportedKubernetesVersions(): string[] {
  return Object.keys(LATEST_PATCH);
}

/** `1.33` → `1.33.5`; a full `1.33.2` stays as given. */
export function currentVersionOf(version: string): string {
  if (/^\d+\.\d+$/.test(version)) return LATEST_PATCH[version] ?? `${version}.0`;
  return version;
}

/** AKS Ubuntu 22.04 node image (AKS-docs samples use the `AKSUbuntu-2204gen2containerd-<date>` form). */
export const NODE_IMAGE_VERSION = 'AKSUbuntu-2204gen2containerd-202510.03.0';

// What `kubectl get nodes -o wide` shows on such an image (AKS-docs sample, emulator-facts §1.2).
export const NODE_OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const NODE_KERNEL_VERSION = '5.15.0-1116-azure';
export const NODE_CONTAINER_RUNTIME = 'containerd://1.7.33-1';
