// `az ... --help`: knack's CLIHelp layout as azure-cli prints it (width 100): a header with the
// name and summary, then the group's subgroups and commands, or the command's arguments by
// group (ungrouped first, required before optional, then by name; "Global Arguments" last),
// the examples, and the `az find` hint.
import { allArguments } from './parse.ts';
import type { ArgSpec, CommandSpec } from './spec.ts';
import { fill } from './textwrap.ts';
import type { GroupNode } from './tree.ts';

const WIDTH = 100;
const PREFIX = ' : ';

function normalize(text: string): string {
  if (!text || text.length < 2) return text ?? '';
  const s = text.trim();
  return s[0]!.toUpperCase() + s.slice(1) + ('.!?'.includes(s[s.length - 1]!) ? '' : '.');
}

function indentFill(text: string, indent: number, hanging = -1): string {
  const first = '    '.repeat(indent);
  const rest = hanging === -1 ? first : ' '.repeat(hanging);
  return text
    .split('\n')
    .map((p) => fill(p, WIDTH, first, rest))
    .join('\n');
}

function header(kind: 'Command' | 'Group', name: string, summary: string, long: string | undefined): string[] {
  const lines = ['', kind];
  lines.push(indentFill(`az${name ? ` ${name}` : ''}${summary ? PREFIX + summary : ''}`, 1));
  lines.push(indentFill(long ? normalize(long) : '', 2));
  if (long) lines.push('');
  return lines;
}

interface Item {
  name: string;
  tags: string;
  summary: string;
}

function layout(items: Item[], max: number, indent: number): string[] {
  return items.map((item) => {
    const lineLen = item.name.length + item.tags.length + (item.tags ? 2 : 1);
    const padding = ' '.repeat(Math.max(0, item.tags ? max - lineLen + 1 : max - lineLen));
    const text = `${item.name}${padding}${item.tags}${item.summary ? PREFIX : ''}${item.summary}`;
    return indentFill(text, indent, max + indent * 4 + PREFIX.length - 1);
  });
}

function lineLength(item: Item): number {
  return item.name.length + item.tags.length + (item.tags ? 2 : 1);
}

function findHint(name: string): string[] {
  return [`To search AI knowledge base for examples, use: az find "az${name ? ` ${name}` : ''}"`, ''];
}

export function groupHelp(node: GroupNode): string {
  const lines = header('Group', node.name, node.spec.summary ? normalize(node.spec.summary) : '', node.spec.long);
  const tag = (preview?: boolean) => (preview ? '[Preview]' : '');
  const groups: Item[] = [...node.groups.values()]
    .map((g) => ({ name: g.name.split(' ').pop()!, tags: tag(g.spec.preview), summary: normalize(g.spec.summary) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const commands: Item[] = [...node.commands.values()]
    .map((c) => ({ name: c.name.split(' ').pop()!, tags: tag(c.preview), summary: normalize(c.summary) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const max = Math.max(0, ...[...groups, ...commands].map(lineLength));
  if (groups.length > 0) lines.push('Subgroups:', ...layout(groups, max, 1), '');
  if (commands.length > 0) lines.push('Commands:', ...layout(commands, max, 1), '');
  lines.push(...findHint(node.name));
  return `${lines.join('\n')}\n`;
}

function argSummary(arg: ArgSpec): string {
  let text = normalize(arg.help);
  if (arg.choices) text += `  Allowed values: ${[...arg.choices].sort().join(', ')}.`;
  if (arg.kind === 'bool') text += '  Allowed values: false, true.';
  if (arg.default !== undefined && arg.default !== false && arg.default !== '' && arg.default !== 0) text += `  Default: ${arg.default}.`;
  return text.trim();
}

function groupTitle(arg: ArgSpec): string | null {
  return arg.group ? `${arg.group} Arguments` : null;
}

export function commandHelp(spec: CommandSpec): string {
  const lines = header('Command', spec.name, normalize(spec.summary), spec.long);
  lines.push('Arguments');
  const args = allArguments(spec).filter((a) => !a.hidden);
  const titles = [...new Set(args.map(groupTitle).filter((t): t is string => t !== null && t !== 'Global Arguments'))].sort();
  const priority = (title: string | null) => (title === null ? 0 : title === 'Global Arguments' ? 1000 : 2 + titles.indexOf(title));
  const items = args.map((arg) => {
    const required = !!arg.required && !(spec.ids && arg.idPart);
    return {
      arg,
      title: groupTitle(arg),
      item: { name: [...arg.options].sort().join(' '), tags: required ? '[Required]' : '', summary: argSummary(arg) },
      key: `${String(priority(groupTitle(arg))).padStart(6, '0')}${required ? 'False' : 'True'}${[...arg.options].sort().join(' ')}`,
    };
  });
  items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const max = Math.max(0, ...items.map((i) => lineLength(i.item)));
  let last: string | null = null;
  for (const entry of items) {
    if (entry.title !== last) {
      if (entry.title) lines.push('', entry.title);
      last = entry.title;
    }
    lines.push(...layout([entry.item], max, 1));
  }
  lines.push('');
  if (spec.examples && spec.examples.length > 0) {
    lines.push('Examples');
    for (const example of spec.examples) {
      lines.push(indentFill(example.name, 1), indentFill(example.text, 2), '');
    }
  }
  lines.push(...findHint(spec.name));
  return `${lines.join('\n')}\n`;
}
