// `kubectl run -it --rm` with a shell: kubectl deletes the pod when the learner leaves it. The
// terminal tells commands nothing when a session ends, so the pod is remembered here with the
// session depth it was entered from, and removed before the next kubectl command that runs
// back at that depth (the deletion line kubectl prints on exit cannot be shown).
import { deleteObject } from '../../../apiserver/index.ts';
import type { ShellControl } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';

interface PendingRemoval {
  clusterId: string;
  namespace: string;
  name: string;
  /** Session depth of the shell that ran `kubectl run`. */
  depth: number;
}

const pending = new WeakMap<Sim, PendingRemoval[]>();

export function removeOnExit(sim: Sim, removal: PendingRemoval): void {
  const list = pending.get(sim) ?? [];
  list.push(removal);
  pending.set(sim, list);
}

/** Deletes the pods of `run --rm` sessions that have ended. */
export function reapEndedSessions(sim: Sim, shell: ShellControl | undefined): void {
  const list = pending.get(sim);
  if (!list || list.length === 0 || !shell) return;
  const depth = shell.depth();
  const ended = list.filter((p) => depth <= p.depth);
  if (ended.length === 0) return;
  pending.set(
    sim,
    list.filter((p) => depth > p.depth),
  );
  for (const p of ended) deleteObject(sim.world, p.clusterId, 'Pod', p.namespace, p.name);
  sim.settle();
}
