// kubectl edit (the sandbox has no editor to launch), cordon/uncordon, events and help.
import { isK8sApiError, replaceObject } from '../../../apiserver/index.ts';
import type { K8sEvent, K8sObject, Node } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { ALL_NAMESPACES_FLAG, DRY_RUN_FLAG, dryRunMode, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { findCommand } from '../cli/dispatch.ts';
import { goQuote } from '../cli/flags.ts';
import { renderHelp } from '../cli/help.ts';
import { apiErrorText, failure, MISSING_RESOURCE, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { fetchQueries, listFor } from '../client/fetch.ts';
import { resolveTargets, resolveType } from '../client/targets.ts';
import { sinceText } from '../describe/writer.ts';
import { GET_TABS, tabAlign } from '../printers/tabwriter.ts';
import { completeResourceArgs, objectNames } from './complete-args.ts';

/** editor.defaultEnvEditor: KUBE_EDITOR, then EDITOR, else vi; split on spaces unless quoted. */
function editorArgs(env: Readonly<Record<string, string>>): string[] {
  const editor = env['KUBE_EDITOR'] || env['EDITOR'] || 'vi';
  if (!editor.includes(' ')) return [editor];
  if (!/["'\\]/.test(editor)) return editor.split(' ');
  return [env['SHELL'] || '/bin/bash', '-c', editor];
}

export const editCommand: KubectlCommand = {
  name: 'edit',
  use: '(RESOURCE/NAME | -f FILENAME)',
  short: 'Edit a resource on the server',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows.`,
  example: `  # Edit the service named 'registry'
  kubectl edit svc/registry`,
  flags: [{ name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' }, { name: 'windows-line-endings', type: 'bool', defValue: 'false', usage: 'Defaults to the line ending native to your platform.' }],
  run(inv) {
    if (inv.args.length === 0) return failure(MISSING_RESOURCE);
    const client = connectClient(inv);
    if (isResult(client)) return client;
    const targets = resolveTargets(inv.args);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    const fetched = fetchQueries(client, targets.queries, { namespace: client.namespace });
    if (fetched.errors.length > 0) return failure(fetched.errors.join('\n'));
    // The sandbox has no terminal text editor, so launching one fails as it does on a machine
    // without it (editor.Launch: exec.ErrNotFound). Changes go through apply, patch, scale...
    return failure(`error: unable to launch the editor ${goQuote(editorArgs(inv.env.env).join(' '))}`);
  },
  completeArgs: completeResourceArgs,
};

function cordonCommand(cordon: boolean): KubectlCommand {
  const name = cordon ? 'cordon' : 'uncordon';
  return {
    name,
    use: 'NODE',
    short: cordon ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    long: cordon ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    example: `  # Mark node "foo" as ${cordon ? 'unschedulable' : 'schedulable'}\n  kubectl ${name} foo`,
    flags: [DRY_RUN_FLAG, SELECTOR_FLAG],
    run(inv) {
      const dryRun = dryRunMode(inv.flags.string('dry-run'));
      if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
      if (inv.args.length === 0 && !inv.flags.string('selector')) return failure(`error: USAGE: ${name} NODE [flags]\nSee 'kubectl ${name} -h' for help and examples`);
      const client = connectClient(inv);
      if (isResult(client)) return client;
      const type = resolveType('nodes');
      if (typeof type === 'string') return failure(type);
      const fetched = inv.args.length > 0 ? fetchQueries(client, inv.args.map((n) => ({ type, name: n })), { namespace: undefined }) : { objects: listFor(client, type, { namespace: undefined, labelSelector: inv.flags.string('selector') }) as K8sObject[], errors: [] as string[] };
      const out = new Output();
      for (const obj of fetched.objects) {
        const node = obj as Node;
        const already = !!node.spec?.unschedulable === cordon;
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        if (already) {
          out.out(`node/${node.metadata.name} already ${cordon ? 'cordoned' : 'uncordoned'}${suffix}\n`);
          continue;
        }
        if (dryRun === 'none') {
          const next = JSON.parse(JSON.stringify(node)) as Node;
          if (cordon) next.spec.unschedulable = true;
          else delete next.spec.unschedulable;
          const stored = replaceObject(client.world, client.clusterId, next, {});
          if (isK8sApiError(stored)) {
            out.fail(apiErrorText(stored));
            continue;
          }
        }
        out.out(`node/${node.metadata.name} ${cordon ? 'cordoned' : 'uncordoned'}${suffix}\n`);
      }
      client.sim.settle();
      for (const e of fetched.errors) out.fail(e);
      return out.result();
    },
    completeArgs: (req) => (req.args.length === 0 ? objectNames(req, 'nodes').filter((n) => n.startsWith(req.partial)) : []),
  };
}

export const cordonCmd = cordonCommand(true);
export const uncordonCmd = cordonCommand(false);

function eventTime(e: K8sEvent): number {
  const series = e['series'] as { lastObservedTime?: string } | undefined;
  const t = series?.lastObservedTime ?? e.lastTimestamp ?? (e['eventTime'] as string | undefined);
  return t ? Date.parse(t) : 0;
}

export const eventsCommand: KubectlCommand = {
  name: 'events',
  use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  short: 'List events',
  long: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.`,
  example: `  # List recent events in the default namespace
  kubectl events

  # List recent events in all namespaces
  kubectl events --all-namespaces

  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch`,
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', type: 'int', defValue: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', defValue: 'false', usage: "When using the default output format, don't print headers." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'types', type: 'stringSlice', defValue: '[]', usage: 'Output only events of given types.' },
    { name: 'watch', shorthand: 'w', type: 'bool', defValue: 'false', usage: 'After listing the requested events, watch for more events.' },
  ],
  run(inv) {
    for (const t of inv.flags.list('types')) if (!['normal', 'warning'].includes(t.toLowerCase())) return failure('error: valid --types are Normal or Warning');
    const forArg = inv.flags.string('for');
    if (forArg && !forArg.includes('/')) return failure('error: --for must be in resource/name form');
    const client = connectClient(inv);
    if (isResult(client)) return client;
    const all = inv.flags.bool('all-namespaces');
    const type = resolveType('events');
    if (typeof type === 'string') return failure(type);
    const listed = listFor(client, type, { namespace: all ? undefined : client.namespace });
    if (typeof listed === 'string') return failure(listed);
    let events = listed as K8sEvent[];
    if (forArg) {
      const [typed, name] = forArg.split('/') as [string, string];
      const forType = resolveType(typed);
      if (typeof forType === 'string') return failure(`error: ${forType}`);
      events = events.filter((e) => e.involvedObject?.kind === forType.kind && e.involvedObject?.name === name);
    }
    const types = inv.flags.list('types').map((t) => t.toLowerCase());
    if (types.length > 0) events = events.filter((e) => types.includes((e.type ?? '').toLowerCase()));
    if (events.length === 0) return { stdout: '', stderr: all ? 'No events found.\n' : `No events found in ${client.namespace} namespace.\n`, exitCode: 0 };
    // SortableEvents by time; the model stamps many events in the same second, and their
    // resourceVersions keep the order they happened in.
    events = [...events].sort((a, b) => eventTime(a) - eventTime(b) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    const now = client.world.now();
    const rows: string[] = [];
    if (!inv.flags.bool('no-headers')) rows.push(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE`);
    for (const e of events) {
      const eventAt = e['eventTime'] as string | undefined;
      const first = eventAt ? sinceText(eventAt, now) : sinceText(e.firstTimestamp, now);
      const interval = (e.count ?? 0) > 1 ? `${sinceText(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
      rows.push(`${all ? `${e.metadata.namespace}\t` : ''}${interval}\t${e.type}\t${e.reason}\t${e.involvedObject?.kind}/${e.involvedObject?.name}\t${(e.message ?? '').trim()}`);
    }
    return { stdout: tabAlign(`${rows.join('\n')}\n`, GET_TABS), stderr: '', exitCode: 0 };
  },
};

export function helpCommand(root: () => KubectlCommand): KubectlCommand {
  return {
    name: 'help',
    use: '[command]',
    short: 'Help about any command',
    long: 'Help provides help for any command in the application.\nSimply type kubectl help [path to command] for full details.',
    hidden: true,
    run(inv: Invocation): CommandResult {
      const found = findCommand(root(), inv.args);
      const isRoot = found.command === root();
      if (isRoot && inv.args.length > 0) {
        // cobra's help command: the topic as %#q of the args, then the root's usage, on stderr.
        const help = renderHelp(root(), 'kubectl', true);
        const usage = help.slice((root().long ?? root().short).trim().length);
        return { stdout: '', stderr: `Unknown help topic [${inv.args.map((a) => (a.includes('`') ? JSON.stringify(a) : `\`${a}\``)).join(' ')}]\n${usage}`, exitCode: 0 };
      }
      return { stdout: renderHelp(found.command, found.names.join(' '), isRoot), stderr: '', exitCode: 0 };
    },
  };
}
