// One `az` invocation: find the command in the tree, parse its arguments, run it (once per
// --ids entry), then --query and the output format; every failure in az's words and exit code.
import { isAzureError, type AzureError } from '../../model/azure/errors.ts';
import { parseArmId } from '../../model/azure/ids.ts';
import type { CommandContext, CommandResult } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { closeMatches } from './difflib.ts';
import { examplesFor } from './examples.ts';
import { commandHelp, groupHelp } from './help.ts';
import { azureErrorMessage, errorLine, usageErrorText, warningLine } from './log.ts';
import { formatResult } from './output/format.ts';
import { parseCommandArgs, type ConfiguredDefaults } from './parse.ts';
import { readConfigDefaults, readProfile } from './profile.ts';
import type { AzInvocation, AzOutcome, CommandSpec } from './spec.ts';
import { childNames, locate, type GroupNode } from './tree.ts';
import { AZ_VERSION_TEXT, WELCOME_TEXT } from './welcome.ts';

const NO_LOGIN_NEEDED = new Set(['login', 'logout', 'account clear', 'configure', 'version', 'find']);

function done(stdout: string, stderr: string, exitCode: number): CommandResult {
  return { stdout, stderr, exitCode };
}

function defaultsOf(ctx: CommandContext): ConfiguredDefaults {
  let configured: Record<string, string> = {};
  try {
    configured = readConfigDefaults(ctx.fs, ctx.host.home);
  } catch {
    configured = {};
  }
  const out: ConfiguredDefaults = {};
  const group = ctx.env.AZURE_DEFAULTS_GROUP ?? configured.group;
  const location = ctx.env.AZURE_DEFAULTS_LOCATION ?? configured.location;
  if (group) out.group = group;
  if (location) out.location = location;
  return out;
}

function notFound(root: GroupNode, node: GroupNode, word: string, words: string[], color: boolean): CommandResult {
  const recommendations: string[] = [];
  const similar = closeMatches(word, childNames(node), 0.7);
  let inferred = node.name;
  if (similar.length > 0) {
    recommendations.push(`Did you mean '${similar[0]}' ?`);
    inferred = [node.name, similar[0]].filter(Boolean).join(' ');
  }
  const examples = examplesFor(root, inferred, words);
  return done('', usageErrorText(`'${word}' is misspelled or not recognized by the system.`, recommendations, examples, color), 2);
}

/** Fills the id-part arguments from one `--ids` entry. */
function fromId(spec: CommandSpec, args: Record<string, unknown>, id: string): Record<string, unknown> | string {
  const parts = parseArmId(id);
  if (!parts) return `invalid resource ID: ${id}`;
  const out: Record<string, unknown> = { ...args, resource_group_name: parts.resourceGroup };
  const names = spec.args.filter((a) => a.idPart && a.dest !== 'resource_group_name');
  names.forEach((arg, i) => {
    out[arg.dest] = parts.names[i];
  });
  return out;
}

export function runAz(sim: Sim, ctx: CommandContext, root: GroupNode): CommandResult {
  const words = ctx.argv.slice(1);
  const color = ctx.tty === true;
  if (words.length === 0) return done(WELCOME_TEXT, '', 0);
  if (words[0] === '--version' || words[0] === 'version') return done(AZ_VERSION_TEXT, '', 0);

  const located = locate(root, words);
  if (located.kind === 'unknown') return notFound(root, located.node, located.word, words, color);
  if (located.kind === 'group') {
    const rest = located.rest.filter((w) => w !== '-h' && w !== '--help');
    if (rest.length > 0) return done('', usageErrorText(`unrecognized arguments: ${rest.join(' ')}`, [], null, color), 2);
    return done(groupHelp(located.node), '', 0);
  }

  const spec = located.spec;
  const parsed = parseCommandArgs(spec, located.rest, defaultsOf(ctx));
  if (!parsed.ok) {
    const examples = parsed.examples ? examplesFor(root, spec.name, words) : null;
    return done('', usageErrorText(parsed.message, parsed.recommendations, examples, color), 2);
  }
  if (parsed.help) return done(commandHelp(spec), '', 0);

  if (!NO_LOGIN_NEEDED.has(spec.name)) {
    const subscriptions = readProfile(ctx.fs, ctx.host.home, sim.world);
    if (subscriptions.length === 0) return done('', errorLine("Please run 'az login' to setup account.", color), 1);
  }

  const quiet = parsed.args._log_verbosity_only_show_errors === true;
  let stderr = '';
  const invocationFor = (args: Record<string, unknown>): AzInvocation => ({
    sim,
    world: sim.world,
    ctx,
    args,
    given: parsed.given,
    warn(message: string) {
      if (!quiet) stderr += warningLine(message, color);
    },
  });

  const outcomes: AzOutcome[] = [];
  const ids = parsed.given.has('ids') ? (parsed.args.ids as string[]) : null;
  if (ids) {
    for (const id of ids) {
      const args = fromId(spec, parsed.args, id);
      if (typeof args === 'string') return done('', errorLine(args, color), 1);
      outcomes.push(spec.run(invocationFor(args)));
    }
  } else {
    outcomes.push(spec.run(invocationFor(parsed.args)));
  }

  const failure = outcomes.find((o): o is AzureError => isAzureError(o));
  if (failure) return done('', stderr + errorLine(azureErrorMessage(failure), color), failure.exitCode);
  const first = outcomes[0]!;
  if ('text' in first) return done(first.text, stderr, first.exitCode ?? 0);
  const result = ids && ids.length > 1 ? outcomes.map((o) => ('result' in o ? o.result : null)) : (first as { result: unknown }).result;
  if (result === undefined) return done('', stderr, 0);
  const formatted = formatResult(result, {
    output: String(parsed.args._output_format ?? 'json'),
    ...(typeof parsed.args._jmespath_query === 'string' ? { query: parsed.args._jmespath_query } : {}),
    ...(spec.table ? { table: spec.table } : {}),
  });
  if (!formatted.ok) return done('', stderr + errorLine(formatted.message, color), 1);
  return done(formatted.text, stderr, 0);
}
