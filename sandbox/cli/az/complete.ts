// Tab completion from the command table: subgroups and commands, then a command's options not
// yet given, enum values, and resource names from the world for arguments that name resources.
import type { World } from '../../model/world.ts';
import { allArguments } from './parse.ts';
import { childNames, locate, type GroupNode } from './tree.ts';

export function completeAz(root: GroupNode, words: string[], world: World): string[] {
  const partial = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const located = locate(root, before);
  const starting = (list: string[]) => [...new Set(list)].filter((w) => w.startsWith(partial)).sort();
  if (located.kind === 'unknown') return [];
  if (located.kind === 'group') {
    if (located.rest.length > 0) return [];
    if (partial.startsWith('-')) return starting(['--help', '-h']);
    return starting(childNames(located.node));
  }
  const args = allArguments(located.spec);
  const previous = before[before.length - 1];
  const owner = previous ? args.find((a) => a.options.includes(previous)) : undefined;
  if (owner && owner.kind !== 'flag' && owner.kind !== 'list' && owner.kind !== 'list*') {
    if (owner.choices) return starting(owner.choices);
    if (owner.kind === 'bool') return starting(['false', 'true']);
    if (owner.complete) return starting(owner.complete(world));
    return [];
  }
  if (owner?.complete && !partial.startsWith('-')) return starting(owner.complete(world));
  const used = new Set(located.rest);
  const options = args.filter((a) => !a.hidden && !a.options.some((o) => used.has(o))).flatMap((a) => a.options.filter((o) => o.startsWith('--')));
  if (partial.startsWith('-') || partial === '') return starting(options);
  return [];
}
