// The API server's version as /version reports it: AKS runs the cluster's current Kubernetes
// version (`v1.33.5`), built from a fixed upstream commit per patch version.
import type { ManagedCluster } from '../../../model/azure/types.ts';
import type { World } from '../../../model/world.ts';
import { fnv1a } from '../../../core/hash.ts';

export interface VersionInfo {
  major: string;
  minor: string;
  emulationMajor?: string;
  emulationMinor?: string;
  minCompatibilityMajor?: string;
  minCompatibilityMinor?: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

export function serverVersion(world: World, clusterId: string): VersionInfo {
  const mc = world.resource<ManagedCluster>(clusterId);
  const version = mc?.currentKubernetesVersion || mc?.kubernetesVersion || '1.33.5';
  const [major = '1', minor = '33'] = version.split('.');
  const commit = Array.from({ length: 5 }, (_, i) => fnv1a(`k8s-${version}-${i}`).toString(16).padStart(8, '0')).join('');
  return {
    major,
    minor,
    emulationMajor: major,
    emulationMinor: minor,
    minCompatibilityMajor: major,
    minCompatibilityMinor: String(Number(minor) - 1),
    gitVersion: `v${version}`,
    gitCommit: commit,
    gitTreeState: 'clean',
    buildDate: '2025-09-15T09:12:40Z',
    goVersion: 'go1.24.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function serverMinor(world: World, clusterId: string): number {
  return Number(serverVersion(world, clusterId).minor);
}
