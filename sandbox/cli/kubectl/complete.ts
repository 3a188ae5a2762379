// Tab completion for kubectl, driven by the same command tree as parsing: verbs and
// subcommands, the flags of the command being typed (its own and the global ones), flag values
// (namespaces after -n, contexts after --context, output formats after -o), then the command's
// own arguments (resource types, then object names from the world).
import { isK8sApiError, listObjects } from '../../apiserver/index.ts';
import type { CompletionRequest, KubectlCommand } from './cli/command.ts';
import { findCommand, flagSetFor, stripFlags } from './cli/dispatch.ts';
import { FlagValues } from './cli/flags.ts';
import { clusterForServer, configView } from './client/client.ts';
import { parseServerUrl } from './client/transport.ts';
import { rootCommand } from './root.ts';

type CompletionEnv = CompletionRequest['env'];

function namespaces(env: CompletionEnv, flags: FlagValues): string[] {
  const view = configView(env, flags);
  if ('exitCode' in view) return [];
  const server = parseServerUrl(view.server);
  const clusterId = server ? clusterForServer(env.sim.world, server.host) : undefined;
  if (!clusterId) return [];
  const listed = listObjects(env.sim.world, clusterId, 'Namespace');
  return isK8sApiError(listed) ? [] : listed.map((n) => n.metadata.name);
}

function contexts(env: CompletionEnv, flags: FlagValues): string[] {
  const view = configView(env, new FlagValues(flags.specs));
  if ('exitCode' in view) return [];
  return view.config.contexts.map((c) => c?.name).filter((n): n is string => typeof n === 'string');
}

function visibleSubcommands(cmd: KubectlCommand): string[] {
  return (cmd.subcommands ?? []).filter((c) => !c.hidden).map((c) => c.name);
}

export function completeKubectl(words: readonly string[], env: CompletionEnv): string[] {
  const partial = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const root = rootCommand();
  const found = findCommand(root, before);
  const cmd = found.command;
  const set = flagSetFor(cmd);
  // Flags typed so far (errors ignored: the line is still being written).
  const parsed = set.parse(found.args);
  const flags = parsed.ok ? parsed.parsed.flags : new FlagValues(set.byName);
  const previous = before[before.length - 1];
  if (previous && previous.startsWith('-') && !previous.includes('=')) {
    const spec = previous.startsWith('--') ? set.lookup(previous.slice(2)) : previous.length === 2 ? set.byShorthand.get(previous[1]!) : undefined;
    if (spec && set.takesValue(spec)) {
      if (spec.name === 'namespace') return namespaces(env, flags).filter((n) => n.startsWith(partial));
      if (spec.name === 'context') return contexts(env, flags).filter((n) => n.startsWith(partial));
      if (spec.values) return spec.values.filter((v) => v.startsWith(partial));
      return [];
    }
  }
  if (partial.startsWith('-')) {
    const eq = partial.indexOf('=');
    if (partial.startsWith('--') && eq > 0) {
      const spec = set.lookup(partial.slice(2, eq));
      const prefix = partial.slice(0, eq + 1);
      if (spec?.name === 'namespace') return namespaces(env, flags).map((n) => prefix + n).filter((w) => w.startsWith(partial));
      return (spec?.values ?? []).map((v) => prefix + v).filter((w) => w.startsWith(partial));
    }
    return [...set.byName.values()].filter((s) => !s.hidden).map((s) => `--${s.name}`).filter((w) => w.startsWith(partial));
  }
  const positional = parsed.ok ? parsed.parsed.args : stripFlags(found.args, set);
  if (cmd.subcommands && cmd.subcommands.length > 0 && positional.length === 0) {
    return visibleSubcommands(cmd).filter((n) => n.startsWith(partial));
  }
  if (!cmd.completeArgs) return [];
  return cmd.completeArgs({ env, args: positional, partial, flags });
}
