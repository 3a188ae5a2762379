// cobra's SuggestionsFor: subcommands within Levenshtein distance 2 of the typed name (ignoring
// case), or starting with it, or naming it in their SuggestFor list; rendered as the
// "\n\nDid you mean this?\n\t<name>\n" block of the unknown-command error.
import type { KubectlCommand } from './command.ts';

export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) d[0]![j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i]![j] = d[i - 1]![j - 1]!;
      else d[i]![j] = Math.min(d[i - 1]![j]!, d[i]![j - 1]!, d[i - 1]![j - 1]!) + 1;
    }
  }
  return d[s.length]![t.length]!;
}

export function suggestedNames(parent: KubectlCommand, typed: string): string[] {
  const out: string[] = [];
  // cobra sorts a command's children by name before kubectl ever looks them up.
  const sorted = [...(parent.subcommands ?? [])].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const cmd of sorted) {
    if (cmd.hidden) continue;
    const close = levenshtein(typed, cmd.name) <= 2;
    const prefix = cmd.name.toLowerCase().startsWith(typed.toLowerCase());
    if (close || prefix) out.push(cmd.name);
    for (const explicit of cmd.suggestFor ?? []) {
      if (explicit.toLowerCase() === typed.toLowerCase()) out.push(cmd.name);
    }
  }
  return out;
}

export function suggestionsFor(parent: KubectlCommand, typed: string): string {
  const names = suggestedNames(parent, typed);
  if (names.length === 0) return '';
  return `\n\nDid you mean this?\n${names.map((n) => `\t${n}\n`).join('')}`;
}
