// kubectl rollout (status, restart, history, undo, pause, resume) and kubectl wait. Waiting is
// virtual time passing while the controllers roll the pods, with kubectl's progress lines.
import { deleteObject, isK8sApiError, listObjects, replaceObject, resourceForKind } from '../../../apiserver/index.ts';
import type { DaemonSet, Deployment, K8sObject, ReplicaSet } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { filenameFlags, printFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { apiErrorText, failure, MISSING_RESOURCE, Output } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { kindPrefix, resolveTargets } from '../client/targets.ts';
import { parseGoDuration } from '../cli/flags.ts';
import { JsonPath, resultText } from '../jsonpath/eval.ts';
import { parseJsonPath } from '../jsonpath/parser.ts';
import { describePodTemplate } from '../describe/pod.ts';
import { DescribeWriter } from '../describe/writer.ts';
import { relaxedJsonPath } from '../printers/output.ts';
import { DESCRIBE_TABS, tabAlign } from '../printers/tabwriter.ts';
import { completeResourceArgs, completeTypesOf } from './complete-args.ts';

const ROLLOUT_TYPES = ['deployment', 'daemonset', 'statefulset'];

const ROLLABLE = ['Deployment', 'DaemonSet', 'StatefulSet'];

function objectsFor(inv: Invocation, client: Client): { objects: K8sObject[]; errors: string[] } | string {
  if (inv.args.length === 0 && inv.flags.list('filename').length === 0) return `error: required resource not specified`;
  const targets = resolveTargets(inv.args);
  if (!targets.ok) return `error: ${targets.error}`;
  if (!targets.byName && !inv.flags.string('selector')) return 'error: resource(s) were provided, but no name was specified';
  const fetched = fetchQueries(client, targets.queries, { namespace: client.namespace, labelSelector: inv.flags.string('selector') });
  return fetched;
}

/** What every rollout subcommand starts with: connect, find the named objects, or say why not. */
function rolloutTargets(inv: Invocation): { client: Client; objects: K8sObject[] } | CommandResult {
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const got = objectsFor(inv, client);
  if (typeof got === 'string') return failure(got);
  if (got.errors.length > 0) return failure(got.errors.join('\n'));
  return { client, objects: got.objects };
}

interface RolloutStatus {
  text: string;
  done: boolean;
  error?: string;
}

function deploymentStatus(d: Deployment): RolloutStatus {
  const s = d.status ?? {};
  const replicas = d.spec?.replicas ?? 1;
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const progressing = (s.conditions as { type: string; reason?: string }[] | undefined)?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { text: '', done: false, error: `error: deployment "${d.metadata.name}" exceeded its progress deadline` };
    if ((s.updatedReplicas ?? 0) < replicas) return { text: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${replicas} new replicas have been updated...\n`, done: false };
    if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...\n`, done: false };
    if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment "${d.metadata.name}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...\n`, done: false };
    return { text: `deployment "${d.metadata.name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function daemonSetStatus(ds: DaemonSet): RolloutStatus {
  const s = ds.status ?? {};
  if ((ds.metadata.generation ?? 0) <= (s['observedGeneration'] ?? 0)) {
    if ((s['updatedNumberScheduled'] ?? 0) < (s['desiredNumberScheduled'] ?? 0)) return { text: `Waiting for daemon set "${ds.metadata.name}" rollout to finish: ${s['updatedNumberScheduled'] ?? 0} out of ${s['desiredNumberScheduled'] ?? 0} new pods have been updated...\n`, done: false };
    if ((s['numberAvailable'] ?? 0) < (s['desiredNumberScheduled'] ?? 0)) return { text: `Waiting for daemon set "${ds.metadata.name}" rollout to finish: ${s['numberAvailable'] ?? 0} of ${s['desiredNumberScheduled'] ?? 0} updated pods are available...\n`, done: false };
    return { text: `daemon set "${ds.metadata.name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
}

function timeoutSeconds(inv: Invocation, fallback: number): number {
  const text = inv.flags.string('timeout');
  if (!text) return fallback;
  const ms = parseGoDuration(text);
  return ms === undefined ? fallback : ms / 1000;
}

const statusCmd: KubectlCommand = {
  name: 'status',
  use: '(TYPE NAME | TYPE/NAME) [flags]',
  short: 'Show the status of the rollout',
  long: 'Show the status of the rollout.\n\n By default \'rollout status\' will watch the status of the latest rollout until it\'s done. If you don\'t want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then \'rollout status\' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.',
  example: '  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx',
  flags: [...filenameFlags('identifying the resource to get from a server.'), { name: 'revision', type: 'int', defValue: '0', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' }, SELECTOR_FLAG, { name: 'timeout', type: 'duration', defValue: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' }, { name: 'watch', shorthand: 'w', type: 'bool', defValue: 'true', usage: 'Watch the status of the rollout until it\'s done.' }],
  run(inv) {
    const got = rolloutTargets(inv);
    if (isResult(got)) return got;
    const { client } = got;
    const out = new Output();
    const limit = timeoutSeconds(inv, 600) || 600;
    for (const obj of got.objects) {
      if (!ROLLABLE.includes(obj.kind)) return out.fail(`error: no status viewer has been implemented for ${obj.kind}.${resourceForKind(obj.kind)?.group ?? ''}`.replace(/\.$/, '')).result();
      let waited = 0;
      let last = '';
      for (;;) {
        const live = client.world.k8sGet(client.clusterId, obj.kind, obj.metadata.namespace, obj.metadata.name);
        if (!live) return out.fail(`Error from server (NotFound): ${obj.kind === 'Deployment' ? 'deployments.apps' : 'daemonsets.apps'} "${obj.metadata.name}" not found`).result();
        const st: RolloutStatus = live.kind === 'Deployment' ? deploymentStatus(live as Deployment) : daemonSetStatus(live as DaemonSet);
        if (st.error) return out.fail(st.error).result();
        if (st.text !== last) out.out(st.text);
        last = st.text;
        if (st.done || !inv.flags.bool('watch', true)) break;
        if (waited >= limit) return out.fail('error: timed out waiting for the condition').result();
        client.sim.advance(2);
        waited += 2;
      }
    }
    return out.result();
  },
  completeArgs: completeTypesOf(ROLLOUT_TYPES),
};

function patchTemplate(client: Client, obj: K8sObject, change: (next: Deployment) => string | undefined): K8sObject | string {
  const next = JSON.parse(JSON.stringify(obj)) as Deployment;
  const error = change(next);
  if (error) return error;
  const stored = replaceObject(client.world, client.clusterId, next, { namespace: obj.metadata.namespace });
  if (isK8sApiError(stored)) return apiErrorText(stored);
  client.sim.settle();
  return stored;
}

const restartCmd: KubectlCommand = {
  name: 'restart',
  use: 'RESOURCE',
  short: 'Restart a resource',
  long: 'Restart a resource.\n\n        Resource rollout will be restarted.',
  example: '  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n\n  # Restart a deployment\n  kubectl rollout restart deployment/nginx',
  flags: [...printFlags(false), ...filenameFlags('identifying the resource to get from a server.'), SELECTOR_FLAG],
  run(inv) {
    const client = connectClient(inv);
    if (isResult(client)) return client;
    let objects: K8sObject[];
    let errors: string[] = [];
    const targets = inv.args.length > 0 ? resolveTargets(inv.args) : undefined;
    if (!targets) return failure('error: required resource not specified');
    if (!targets.ok) return failure(`error: ${targets.error}`);
    const fetched = fetchQueries(client, targets.queries, { namespace: client.namespace, labelSelector: inv.flags.string('selector') });
    objects = fetched.objects;
    errors = fetched.errors;
    const out = new Output();
    for (const obj of objects) {
      if (!ROLLABLE.includes(obj.kind)) {
        errors.push(`error: ${kindPrefix(resourceForKind(obj.kind)!)} ${JSON.stringify(obj.metadata.name)} restarting is not supported`);
        continue;
      }
      const stored = patchTemplate(client, obj, (next) => {
        if ((next.spec as { paused?: boolean }).paused) return `error: ${resourceForKind(obj.kind)!.plural}.apps "${obj.metadata.name}" can't restart paused deployment (run rollout resume first)`;
        next.spec.template.metadata ??= {};
        next.spec.template.metadata.annotations = { ...(next.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': client.world.timestamp() };
        return undefined;
      });
      if (typeof stored === 'string') errors.push(stored);
      else out.out(`${kindPrefix(resourceForKind(obj.kind)!)}/${obj.metadata.name} restarted\n`);
    }
    for (const e of errors) out.fail(e);
    return out.result();
  },
  completeArgs: completeTypesOf(ROLLOUT_TYPES),
};

function ownedReplicaSets(client: Client, d: Deployment): ReplicaSet[] {
  const listed = listObjects<ReplicaSet>(client.world, client.clusterId, 'ReplicaSet', d.metadata.namespace);
  if (isK8sApiError(listed)) return [];
  return listed.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid));
}

function revisionOf(obj: K8sObject): number {
  return Number(obj.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

const historyCmd: KubectlCommand = {
  name: 'history',
  use: '(TYPE NAME | TYPE/NAME) [flags]',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  example: '  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n\n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3',
  flags: [...printFlags(false), ...filenameFlags('identifying the resource to get from a server.'), { name: 'revision', type: 'int', defValue: '0', usage: 'See the details, including podTemplate of the revision specified' }, SELECTOR_FLAG],
  run(inv) {
    const got = rolloutTargets(inv);
    if (isResult(got)) return got;
    const { client } = got;
    const out = new Output();
    for (const obj of got.objects) {
      if (obj.kind !== 'Deployment') return out.fail(`error: no history viewer has been implemented for "${obj.kind}.${resourceForKind(obj.kind)?.group ?? ''}"`).result();
      const history = new Map<number, string>();
      const templates = new Map<number, ReplicaSet['spec']['template']>();
      for (const rs of ownedReplicaSets(client, obj as Deployment)) {
        const r = revisionOf(rs);
        if (r <= 0) continue;
        const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '';
        history.set(r, cause);
        const template = JSON.parse(JSON.stringify(rs.spec.template)) as ReplicaSet['spec']['template'];
        template.metadata ??= {};
        template.metadata.annotations ??= {};
        if (cause) template.metadata.annotations['kubernetes.io/change-cause'] = cause;
        templates.set(r, template);
      }
      const revision = inv.flags.int('revision', 0);
      let body: string;
      if (history.size === 0) body = 'No rollout history found.';
      else if (revision > 0) {
        if (!history.has(revision)) return out.fail('error: unable to find the specified revision').result();
        // printTemplate: DescribePodTemplate into a PrefixWriter, tabs left as they are.
        const w = new DescribeWriter();
        describePodTemplate(w, templates.get(revision));
        body = w.raw();
      } else {
        const rows = ['REVISION\tCHANGE-CAUSE', ...[...history.keys()].sort((a, b) => a - b).map((r) => `${r}\t${history.get(r) || '<none>'}`)];
        body = tabAlign(`${rows.join('\n')}\n`, DESCRIBE_TABS);
      }
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      out.out(`deployment.apps/${obj.metadata.name} ${withRevision}\n${body}\n`);
    }
    return out.result();
  },
  completeArgs: completeTypesOf(ROLLOUT_TYPES),
};

const undoCmd: KubectlCommand = {
  name: 'undo',
  use: '(TYPE NAME | TYPE/NAME) [flags]',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  example: '  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n\n  # Roll back to deployment revision 3\n  kubectl rollout undo deployment/abc --to-revision=3',
  flags: [...printFlags(false), ...filenameFlags('identifying the resource to get from a server.'), SELECTOR_FLAG, { name: 'to-revision', type: 'int', defValue: '0', usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  run(inv) {
    const got = rolloutTargets(inv);
    if (isResult(got)) return got;
    const { client } = got;
    const out = new Output();
    for (const obj of got.objects) {
      if (obj.kind !== 'Deployment') return out.fail(`error: no rollbacker has been implemented for "${obj.kind}.${resourceForKind(obj.kind)?.group ?? ''}"`).result();
      const current = revisionOf(obj);
      const sets = ownedReplicaSets(client, obj as Deployment).sort((a, b) => revisionOf(b) - revisionOf(a));
      const want = inv.flags.int('to-revision', 0);
      const target = want > 0 ? sets.find((rs) => revisionOf(rs) === want) : sets.find((rs) => revisionOf(rs) < current);
      if (!target) return out.fail(want > 0 ? `error: unable to find specified revision ${want} in history` : `error: no rollout history found for deployment "${obj.metadata.name}"`).result();
      if (revisionOf(target) === current) {
        out.out(`deployment.apps/${obj.metadata.name} skipped rollback (current template already matches revision ${current})\n`);
        continue;
      }
      const stored = patchTemplate(client, obj, (next) => {
        const template = JSON.parse(JSON.stringify(target.spec.template)) as Deployment['spec']['template'];
        if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
        next.spec.template = template;
        return undefined;
      });
      if (typeof stored === 'string') return out.fail(stored).result();
      out.out(`deployment.apps/${obj.metadata.name} rolled back\n`);
    }
    return out.result();
  },
  completeArgs: completeTypesOf(ROLLOUT_TYPES),
};

function pauseCommand(pause: boolean): KubectlCommand {
  const name = pause ? 'pause' : 'resume';
  return {
    name,
    use: 'RESOURCE',
    short: pause ? 'Mark the provided resource as paused' : 'Resume a paused resource',
    long: pause ? 'Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.' : 'Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    example: `  # Mark the nginx deployment as ${pause ? 'paused' : 'resumed'}\n  kubectl rollout ${name} deployment/nginx`,
    flags: [...printFlags(false), ...filenameFlags('identifying the resource to get from a server.'), SELECTOR_FLAG],
    run(inv) {
      const got = rolloutTargets(inv);
      if (isResult(got)) return got;
      const { client } = got;
      const out = new Output();
      for (const obj of got.objects) {
        if (obj.kind !== 'Deployment') return out.fail(`error: ${kindPrefix(resourceForKind(obj.kind)!)} ${JSON.stringify(obj.metadata.name)} ${pause ? 'pausing' : 'resuming'} is not supported`).result();
        const paused = !!(obj.spec as { paused?: boolean }).paused;
        if (paused === pause) {
          out.fail(`error: deployments.apps "${obj.metadata.name}" is ${pause ? 'already paused' : 'not paused'}`);
          continue;
        }
        const stored = patchTemplate(client, obj, (next) => {
          if (pause) (next.spec as { paused?: boolean }).paused = true;
          else delete (next.spec as { paused?: boolean }).paused;
          return undefined;
        });
        if (typeof stored === 'string') out.fail(stored);
        else out.out(`deployment.apps/${obj.metadata.name} ${pause ? 'paused' : 'resumed'}\n`);
      }
      return out.result();
    },
    completeArgs: completeTypesOf(['deployment']),
  };
}

export const rolloutCommand: KubectlCommand = {
  name: 'rollout',
  use: 'SUBCOMMAND',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  example: `  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc

  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo

  # Restart a deployment
  kubectl rollout restart deployment/abc`,
  groupHelpTo: 'stdout',
  subcommands: [historyCmd, pauseCommand(true), restartCmd, pauseCommand(false), statusCmd, undoCmd],
};

export const waitCommand: KubectlCommand = {
  name: 'wait',
  use: '([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  suggestFor: ['list', 'ps'],
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  example: `  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1

  # Wait for the deployment web to be available
  kubectl wait --for=condition=available --timeout=60s deployment/web

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  flags: [
    ...printFlags(false),
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'all-namespaces', shorthand: 'A', type: 'bool', defValue: 'false', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ...filenameFlags('identifying the resource.', { fileNameFlags: true }),
    { name: 'for', type: 'string', usage: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { name: 'local', type: 'bool', defValue: 'false', usage: 'If true, annotation will NOT contact api-server but run locally.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', defValue: '30s', usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
  ],
  run: runWait,
  completeArgs: completeResourceArgs,
};

type Condition = { kind: 'delete' } | { kind: 'create' } | { kind: 'condition'; type: string; value: string } | { kind: 'jsonpath'; path: string; value?: string };

/** wait's splitJSONPathInput: split on `=` but keep `==` inside the expression. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      out.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

/** wait's conditionFuncFor (kubectl 1.34: one --for). */
function parseFor(text: string): Condition | string {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return eq >= 0 ? { kind: 'condition', type: rest.slice(0, eq), value: rest.slice(eq + 1) } : { kind: 'condition', type: rest, value: 'true' };
  }
  if (text.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(text.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) return "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";
    const relaxed = relaxedJsonPath(parts[0]!);
    if (typeof relaxed !== 'string') return relaxed.error;
    let value: string | undefined;
    if (parts.length === 2) {
      value = parts[1]!.replace(/^['"]+|['"]+$/g, '');
      if (value === '') return "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3";
    }
    if (relaxed === '') return 'jsonpath expression cannot be empty';
    try {
      parseJsonPath(relaxed);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return value === undefined ? { kind: 'jsonpath', path: relaxed } : { kind: 'jsonpath', path: relaxed, value };
  }
  return `unrecognized condition: ${JSON.stringify(text)}`;
}

function met(obj: K8sObject | undefined, cond: Condition): boolean {
  switch (cond.kind) {
    case 'delete':
      return !obj;
    case 'create':
      return !!obj;
    case 'condition': {
      if (!obj) return false;
      const conditions = ((obj.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
      return conditions.some((c) => c.type.toLowerCase() === cond.type.toLowerCase() && c.status.toLowerCase() === cond.value.toLowerCase());
    }
    case 'jsonpath': {
      if (!obj) return false;
      try {
        const values = new JsonPath(parseJsonPath(cond.path), { allowMissingKeys: true }).findResults(JSON.parse(JSON.stringify(obj))).flat();
        if (cond.value === undefined) return values.length > 0;
        return values.length === 1 && resultText(values[0]) === cond.value;
      } catch {
        return false;
      }
    }
  }
}

function runWait(inv: Invocation): CommandResult {
  const cond = parseFor(inv.flags.string('for'));
  if (typeof cond === 'string') return failure(`error: ${cond}`);
  const conds = [cond];
  const forCreate = cond.kind === 'create';
  const forDelete = cond.kind === 'delete';
  if (inv.args.length === 0 && inv.flags.list('filename').length === 0) return failure(MISSING_RESOURCE);
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const targets = resolveTargets(inv.args);
  if (!targets.ok) return failure(`error: ${targets.error}`);
  const selected = !!inv.flags.string('selector') || !!inv.flags.string('field-selector') || inv.flags.bool('all');
  if (!targets.byName && !selected) return failure('error: resource(s) were provided, but no name was specified');
  const namespace = inv.flags.bool('all-namespaces') ? undefined : client.namespace;
  const fetched = fetchQueries(client, targets.queries, { namespace, labelSelector: inv.flags.string('selector'), fieldSelector: inv.flags.string('field-selector'), ignoreNotFound: forDelete || forCreate });
  if (fetched.errors.length > 0) return failure(fetched.errors.join('\n'));
  if (fetched.objects.length === 0 && !forCreate) {
    // Nothing to wait for: done when waiting for deletion (RunWait's isForDelete).
    if (forDelete) return { stdout: '', stderr: '', exitCode: 0 };
    return failure('error: no matching resources found');
  }
  const timeout = timeoutSeconds(inv, 30);
  const out = new Output();
  const items = forCreate ? targets.queries.map((q) => ({ kind: q.type.kind, namespace: q.type.namespaced ? namespace ?? client.namespace : undefined, name: q.name ?? '', type: q.type })) : fetched.objects.map((o) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name, type: resourceForKind(o.kind)! }));
  for (const item of items) {
    let waited = 0;
    for (;;) {
      const live = client.world.k8sGet(client.clusterId, item.kind, item.namespace, item.name);
      if (conds.every((cond) => met(live, cond))) {
        out.out(`${kindPrefix(item.type)}/${item.name} condition met\n`);
        break;
      }
      if (waited >= timeout) return out.fail(`error: timed out waiting for the condition on ${item.type.plural}/${item.name}`).result();
      const step = Math.min(2, Math.max(0.5, timeout - waited));
      client.sim.advance(step);
      waited += step;
    }
  }
  return out.result();
}

export { deleteObject };
