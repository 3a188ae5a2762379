// azure-cli's CommandRecommender after a parse error: the command's help examples, the ones
// sharing most of the learner's parameters first (fewer parameters break ties), at most three.
import { allArguments } from './parse.ts';
import type { Recommendation } from './log.ts';
import type { CommandSpec } from './spec.ts';
import { allCommands, type GroupNode } from './tree.ts';

const GLOBAL_MAPPINGS: Record<string, string | null> = {
  '-h': '--help',
  '-o': '--output',
  '--only-show-errors': null,
  '--help': null,
  '--output': null,
  '--query': null,
  '--debug': null,
  '--verbose': null,
  '--yes': null,
  '--no-wait': null,
};

function mappings(spec: CommandSpec | undefined): Map<string, string | null> {
  const map = new Map<string, string | null>(Object.entries(GLOBAL_MAPPINGS));
  if (!spec) return map;
  for (const arg of allArguments(spec)) {
    const sorted = [...arg.options].sort((a, b) => b.length - a.length);
    const standard = sorted[0]!;
    for (const option of sorted.slice(1)) map.set(option, standard);
    map.set(standard, standard);
  }
  return map;
}

/** AzCliCommandInvoker._extract_parameter_names: the option words, without values. */
function parameterNames(words: readonly string[]): string[] {
  return words.filter((w) => w.startsWith('-') && !/^-\d/.test(w)).map((w) => (w.includes('=') ? w.slice(0, w.indexOf('=')) : w));
}

function normalized(words: readonly string[], map: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const name of parameterNames(words)) {
    if (map.has(name)) out.push(map.get(name) ?? name);
  }
  return out.sort();
}

export function examplesFor(root: GroupNode, commandName: string, userWords: readonly string[]): Recommendation[] {
  const spec = allCommands(root).find((c) => c.name === commandName);
  const examples = spec?.examples ?? [];
  const map = mappings(spec);
  const target = normalized(userWords, map);
  const candidates = examples.map((example, index) => {
    const argList = normalized(example.text.split(' '), map);
    let matches = 0;
    if (example.text.startsWith(`az ${commandName}`)) {
      for (const arg of argList) if (target.includes(arg)) matches++;
    } else matches = -1;
    return { example, index, matches, count: argList.length };
  });
  candidates.sort((a, b) => b.matches - a.matches || a.count - b.count || a.index - b.index);
  return candidates.slice(0, 3).map((c) => ({ command: c.example.text, description: c.example.name }));
}
