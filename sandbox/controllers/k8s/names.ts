// Generated names the way Kubernetes makes them: a pod-template-hash from the template, and a
// 5-character random suffix for generateName, both in the "safe" alphabet without vowels.
import { fnv1a, k8sSuffix } from '../../core/hash.ts';
import type { World } from '../../model/world.ts';
import { canonicalJson } from './meta.ts';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * kube-controller-manager's `ComputeHash`: FNV-32a of the pod template, printed in decimal, then
 * each digit mapped through apimachinery's `SafeEncodeString` (byte % 27 into the alphabet). So a
 * real hash is up to 10 characters drawn only from `4-9bcdf` (e.g. `6c9f8d7b5d`, `f77b4cd8`).
 * We hash canonical JSON instead of Go's object dump, so values differ from a real cluster's.
 */
export function templateHash(template: unknown, salt = ''): string {
  const decimal = String(fnv1a(salt + canonicalJson(template)));
  let out = '';
  for (let i = 0; i < decimal.length; i++) out += SAFE_ALPHABET[decimal.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/**
 * `<prefix><5 chars>` (generateName) that no object of the kind uses yet. Seeded by a counter so
 * a replacement pod gets a new name, as it would for real, yet runs replay identically.
 */
export function generateName(
  world: World,
  clusterId: string,
  prefix: string,
  taken: (name: string) => boolean,
): string {
  for (;;) {
    const n = world.next(`generateName:${clusterId}:${prefix}`);
    const name = `${prefix}${k8sSuffix(`${world.state.seed}/${clusterId}/${prefix}/${n}`, 5)}`;
    if (!taken(name)) return name;
  }
}
