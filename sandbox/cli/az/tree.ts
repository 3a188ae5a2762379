// The command tree: groups ("aks", "network vnet") holding commands, built from the command
// table every module contributes.
import type { CommandSpec, GroupSpec } from './spec.ts';

export interface GroupNode {
  kind: 'group';
  name: string;
  spec: GroupSpec;
  groups: Map<string, GroupNode>;
  commands: Map<string, CommandSpec>;
}

export function buildTree(groups: GroupSpec[], commands: CommandSpec[]): GroupNode {
  const root: GroupNode = { kind: 'group', name: '', spec: { name: '', summary: '' }, groups: new Map(), commands: new Map() };
  const specs = new Map(groups.map((g) => [g.name, g]));
  const groupAt = (path: string[]): GroupNode => {
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const word = path[i]!;
      let next = node.groups.get(word);
      if (!next) {
        const name = path.slice(0, i + 1).join(' ');
        next = { kind: 'group', name, spec: specs.get(name) ?? { name, summary: '' }, groups: new Map(), commands: new Map() };
        node.groups.set(word, next);
      }
      node = next;
    }
    return node;
  };
  for (const g of groups) groupAt(g.name.split(' '));
  for (const command of commands) {
    const words = command.name.split(' ');
    groupAt(words.slice(0, -1)).commands.set(words[words.length - 1]!, command);
  }
  return root;
}

export type Located =
  | { kind: 'command'; spec: CommandSpec; rest: string[] }
  | { kind: 'group'; node: GroupNode; rest: string[] }
  | { kind: 'unknown'; node: GroupNode; word: string; rest: string[] };

/** Walks the words of a command line down the tree. */
export function locate(root: GroupNode, words: readonly string[]): Located {
  let node = root;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.startsWith('-')) return { kind: 'group', node, rest: words.slice(i) };
    const command = node.commands.get(word);
    if (command) return { kind: 'command', spec: command, rest: words.slice(i + 1) };
    const group = node.groups.get(word);
    if (!group) return { kind: 'unknown', node, word, rest: words.slice(i + 1) };
    node = group;
  }
  return { kind: 'group', node, rest: [] };
}

export function childNames(node: GroupNode): string[] {
  return [...node.groups.keys(), ...node.commands.keys()];
}

export function allCommands(node: GroupNode): CommandSpec[] {
  return [...node.commands.values(), ...[...node.groups.values()].flatMap(allCommands)];
}
