// Node capacity and allocatable resources by VM size, as the kubelet reports them on AKS.
// Reservations follow AKS-docs node-resource-reservations (Kubernetes 1.29+): CPU by core
// count, memory kube-reserved = min(20 MiB x max pods + 50 MiB, 25% of memory), plus a 100 MiB
// hard-eviction threshold.

interface VmSize {
  cpu: number;
  memoryGiB: number;
}

const SIZES: Record<string, VmSize> = {
  standard_ds2_v2: { cpu: 2, memoryGiB: 7 },
  standard_ds3_v2: { cpu: 4, memoryGiB: 14 },
  standard_d2s_v3: { cpu: 2, memoryGiB: 8 },
  standard_d4s_v3: { cpu: 4, memoryGiB: 16 },
  standard_d8s_v3: { cpu: 8, memoryGiB: 32 },
  standard_d2s_v5: { cpu: 2, memoryGiB: 8 },
  standard_d2ds_v5: { cpu: 2, memoryGiB: 8 },
  standard_d2as_v5: { cpu: 2, memoryGiB: 8 },
  standard_d4s_v5: { cpu: 4, memoryGiB: 16 },
  standard_d4ds_v5: { cpu: 4, memoryGiB: 16 },
  standard_d8ds_v5: { cpu: 8, memoryGiB: 32 },
  standard_e4s_v3: { cpu: 4, memoryGiB: 32 },
  standard_f4s_v2: { cpu: 4, memoryGiB: 8 },
  standard_b2s: { cpu: 2, memoryGiB: 4 },
  standard_b2ms: { cpu: 2, memoryGiB: 8 },
  standard_b4ms: { cpu: 4, memoryGiB: 16 },
};

/** Unknown sizes are treated as a 2-core, 8 GiB machine (assumption). */
function sizeOf(vmSize: string): VmSize {
  return SIZES[vmSize.toLowerCase()] ?? { cpu: 2, memoryGiB: 8 };
}

function cpuReservedMillicores(cores: number): number {
  if (cores <= 1) return 60;
  if (cores <= 2) return 100;
  if (cores <= 4) return 140;
  if (cores <= 8) return 180;
  if (cores <= 16) return 260;
  if (cores <= 32) return 420;
  return 740;
}

// The OS keeps part of the VM's memory for itself, so the kubelet sees a little less.
const KERNEL_VISIBLE_FRACTION = 0.969;
// A 128 GB managed OS disk as the kubelet reports it (bytes allocatable after the 10% eviction reserve).
const EPHEMERAL_CAPACITY = '129886128Ki';
const EPHEMERAL_ALLOCATABLE = '119703055367';

export interface NodeResources {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
}

export function nodeResources(vmSize: string, maxPods: number): NodeResources {
  const size = sizeOf(vmSize);
  const memoryKi = Math.round(size.memoryGiB * 1024 * 1024 * KERNEL_VISIBLE_FRACTION);
  const kubeReservedMi = Math.min(20 * maxPods + 50, Math.floor((size.memoryGiB * 1024) / 4));
  const allocatableMemoryKi = memoryKi - (kubeReservedMi + 100) * 1024;
  const pods = String(maxPods);
  return {
    capacity: {
      cpu: String(size.cpu),
      'ephemeral-storage': EPHEMERAL_CAPACITY,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memoryKi}Ki`,
      pods,
    },
    allocatable: {
      cpu: `${size.cpu * 1000 - cpuReservedMillicores(size.cpu)}m`,
      'ephemeral-storage': EPHEMERAL_ALLOCATABLE,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${allocatableMemoryKi}Ki`,
      pods,
    },
  };
}
