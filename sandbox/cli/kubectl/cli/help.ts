// `kubectl <cmd> --help`, laid out by kubectl's help templates (pkg/util/templates): the long
// description, Aliases, Examples, the subcommand groups, Options (one `    -x, --name=default:`
// line and a tab-indented usage per flag, never wrapped when stdout is not a terminal), Usage
// (cobra's UseLine plus ` [options]`) and the two hint lines.
import type { KubectlCommand } from './command.ts';
import type { FlagSpec } from './flags.ts';

const MIN_NAME_PADDING = 11;

function defaultText(spec: FlagSpec): string {
  if (spec.defValue !== undefined) return spec.type === 'string' ? `'${spec.defValue}'` : spec.defValue;
  switch (spec.type) {
    case 'bool':
      return 'false';
    case 'int':
      return '0';
    case 'string':
      return "''";
    case 'duration':
      return '0s';
    default:
      return '[]';
  }
}

export function flagUsages(specs: readonly FlagSpec[]): string {
  const sorted = [...specs].filter((s) => !s.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sorted
    .map((spec) => {
      const head = spec.shorthand ? `    -${spec.shorthand}, --${spec.name}=${defaultText(spec)}:` : `    --${spec.name}=${defaultText(spec)}:`;
      const deprecated = spec.deprecated ? ` (DEPRECATED: ${spec.deprecated})` : '';
      return `${head}\n\t${spec.usage}${deprecated}\n\n`;
    })
    .join('');
}

function namePadding(parent: KubectlCommand): number {
  const longest = Math.max(0, ...(parent.subcommands ?? []).filter((c) => !c.hidden).map((c) => c.name.length));
  return Math.max(MIN_NAME_PADDING, longest);
}

function commandGroups(cmd: KubectlCommand): string {
  const visible = (cmd.subcommands ?? []).filter((c) => !c.hidden);
  const pad = namePadding(cmd);
  const line = (c: KubectlCommand) => `  ${c.name.padEnd(pad)}   ${c.short}`;
  if (cmd.groups) {
    const used = new Set<string>();
    const blocks = cmd.groups.map((g) => {
      const cmds = g.names.map((n) => visible.find((c) => c.name === n)).filter((c): c is KubectlCommand => !!c);
      cmds.forEach((c) => used.add(c.name));
      return [g.message, ...cmds.map(line)].join('\n');
    });
    const rest = visible.filter((c) => !used.has(c.name) && c.name !== 'options').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (rest.length > 0) blocks.push(['Other Commands:', ...rest.map(line)].join('\n'));
    return blocks.join('\n\n');
  }
  return ['Available Commands:', ...visible.filter((c) => c.name !== 'options').map(line)].join('\n');
}

/** The help text of a command; `path` is its CommandPath (`kubectl config view`). */
export function renderHelp(cmd: KubectlCommand, path: string, isRoot: boolean): string {
  const parts: string[] = [];
  parts.push((cmd.long ?? cmd.short).trim());
  const sections: string[] = [];
  if (cmd.aliases && cmd.aliases.length > 0) sections.push(`Aliases:\n${[cmd.name, ...cmd.aliases].join(', ')}`);
  if (cmd.example) sections.push(`Examples:\n${cmd.example.replace(/\s+$/, '')}`);
  if ((cmd.subcommands ?? []).some((c) => !c.hidden)) sections.push(commandGroups(cmd));
  const local = cmd.flags ?? [];
  if (local.some((f) => !f.hidden)) sections.push(`Options:\n${flagUsages(local).replace(/\s+$/, '')}`);
  // Every kubectl command is Runnable (groups run cmdutil.DefaultSubCommandRun).
  const runnable = true;
  if (runnable) {
    const parent = path.slice(0, path.length - cmd.name.length).trim();
    let useLine = parent ? `${parent} ${cmd.name}${cmd.use ? ` ${cmd.use}` : ''}` : `${cmd.name}${cmd.use ? ` ${cmd.use}` : ''}`;
    if (!useLine.includes('[options]')) useLine += ' [options]';
    sections.push(`Usage:\n  ${useLine}`);
  }
  const tips: string[] = [];
  if ((cmd.subcommands ?? []).length > 0) tips.push(`Use "${path} <command> --help" for more information about a given command.`);
  if (runnable) tips.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  let text = `${parts.join('')}\n\n${sections.join('\n\n')}`;
  if (tips.length > 0) text += `\n\n${tips.join('\n')}`;
  return `${text.replace(/\s+$/, '')}\n`;
}
