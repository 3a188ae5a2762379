// argparse as azure-cli drives it: `--name value`, `--name=value`, `-nvalue`, unambiguous
// prefixes of long options, nargs lists, store_true flags, three-state booleans, int/float
// conversion, case-insensitive choices, then the required check and the unrecognized rest.
// Every failure is a message in argparse's / azure-cli's words; nothing here throws.
import { GLOBAL_ARGS, IDS_ARG, QUERY_REFERENCE, SUBSCRIPTION_ARG } from './globals.ts';
import { closeMatches } from './difflib.ts';
import { compileQuery } from './output/query.ts';
import type { ArgSpec, CommandSpec } from './spec.ts';

export interface ParsedArgs {
  ok: true;
  args: Record<string, unknown>;
  given: Set<string>;
  /** -h/--help was given: print the command's help instead of running it. */
  help: boolean;
}

export interface ParseFailure {
  ok: false;
  message: string;
  /** Lines printed after the message (azure-cli set_recommendation). */
  recommendations: string[];
  /** When false, no "Examples from AI knowledge base" block follows (a bad --query). */
  examples: boolean;
}

export type ParseResult = ParsedArgs | ParseFailure;

/** Defaults configured outside the command line (`az configure --defaults`, AZURE_DEFAULTS_*). */
export interface ConfiguredDefaults {
  group?: string;
  location?: string;
}

export const THREE_STATE_CHOICES = ['true', 'false'];

export function allArguments(spec: CommandSpec): ArgSpec[] {
  const local = /^(login|logout|account|configure)\b/.test(spec.name) || spec.args.some((a) => a.options.includes('--subscription'));
  return [...spec.args, ...(spec.ids ? [IDS_ARG] : []), ...GLOBAL_ARGS, ...(local ? [] : [SUBSCRIPTION_ARG])];
}

export function optionLabel(arg: ArgSpec): string {
  return arg.options.join('/');
}

function fail(message: string, recommendations: string[] = [], examples = true): ParseFailure {
  return { ok: false, message, recommendations, examples };
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

/** argparse's test for "this token is an option, not a value". */
function looksLikeOption(token: string): boolean {
  if (!token.startsWith('-') || token === '-') return false;
  if (NEGATIVE_NUMBER.test(token)) return false;
  return !token.includes(' ');
}

interface Match {
  arg: ArgSpec;
  option: string;
  explicit?: string;
}

type Lookup = Match | { error: string } | undefined;

function lookup(token: string, byOption: Map<string, ArgSpec>): Lookup {
  const exact = byOption.get(token);
  if (exact) return { arg: exact, option: token };
  if (token.includes('=')) {
    const at = token.indexOf('=');
    const name = token.slice(0, at);
    const arg = byOption.get(name);
    if (arg) return { arg, option: name, explicit: token.slice(at + 1) };
  }
  if (token.startsWith('--')) {
    const name = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
    const explicit = token.includes('=') ? token.slice(token.indexOf('=') + 1) : undefined;
    const matches = [...byOption.keys()].filter((o) => o.startsWith('--') && o.startsWith(name));
    if (matches.length > 1) return { error: `ambiguous option: ${name} could match ${matches.join(', ')}` };
    if (matches.length === 1) {
      const m: Match = { arg: byOption.get(matches[0]!)!, option: matches[0]! };
      if (explicit !== undefined) m.explicit = explicit;
      return m;
    }
    return undefined;
  }
  // `-gmyrg`: a short option with its value attached.
  const short = byOption.get(token.slice(0, 2));
  if (short && token.length > 2) return { arg: short, option: token.slice(0, 2), explicit: token.slice(2) };
  return undefined;
}

function convert(arg: ArgSpec, raw: string, prog: string): { value: unknown } | { error: ParseFailure } {
  const label = optionLabel(arg);
  if (arg.kind === 'int') {
    if (!/^\s*[-+]?\d+\s*$/.test(raw)) return { error: fail(`argument ${label}: invalid int value: '${raw}'`) };
    return { value: Number.parseInt(raw, 10) };
  }
  if (arg.kind === 'float') {
    if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) return { error: fail(`argument ${label}: invalid float value: '${raw}'`) };
    return { value: Number.parseFloat(raw) };
  }
  const choices = arg.kind === 'bool' ? THREE_STATE_CHOICES : arg.choices;
  if (choices) {
    const found = choices.find((c) => c.toLowerCase() === raw.toLowerCase());
    if (found === undefined) {
      const recommendations: string[] = [];
      const similar = closeMatches(raw, choices, 0.7);
      if (similar.length > 0) recommendations.push(`Did you mean '${similar[0]}' ?`);
      return {
        error: fail(`${prog}: '${raw}' is not a valid value for '${arg.options[0]}'. Allowed values: ${choices.join(', ')}.`, recommendations),
      };
    }
    if (arg.kind === 'bool') return { value: found === 'true' };
    return { value: found };
  }
  if (arg.dest === '_jmespath_query') {
    const compiled = compileQuery(raw);
    if (!compiled.ok) return { error: fail(`argument --query: invalid jmespath_type value: '${raw}'`, [QUERY_REFERENCE], false) };
  }
  return { value: raw };
}

/** Parses the words after the command name. `prog` is `az aks show`. */
export function parseCommandArgs(spec: CommandSpec, tokens: readonly string[], defaults: ConfiguredDefaults = {}): ParseResult {
  const prog = `az ${spec.name}`;
  const all = allArguments(spec);
  const byOption = new Map<string, ArgSpec>();
  for (const arg of all) for (const option of arg.options) byOption.set(option, arg);

  const args: Record<string, unknown> = {};
  const given = new Set<string>();
  const extras: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!;
    if (token === '--') {
      extras.push(...tokens.slice(i + 1));
      break;
    }
    if (!looksLikeOption(token)) {
      extras.push(token);
      i++;
      continue;
    }
    const found = lookup(token, byOption);
    if (!found) {
      extras.push(token);
      i++;
      continue;
    }
    if ('error' in found) return fail(found.error);
    const { arg, explicit } = found;
    const label = optionLabel(arg);
    i++;
    if (arg.dest === '_help') return { ok: true, args, given, help: true };
    const kind = arg.kind ?? 'string';
    if (kind === 'flag') {
      if (explicit !== undefined) return fail(`argument ${label}: ignored explicit argument '${explicit}'`);
      args[arg.dest] = true;
      given.add(arg.dest);
      continue;
    }
    const values: string[] = [];
    if (explicit !== undefined) values.push(explicit);
    else if (kind === 'list' || kind === 'list*') {
      while (i < tokens.length && !looksLikeOption(tokens[i]!) && tokens[i] !== '--') values.push(tokens[i++]!);
    } else if (kind === 'bool') {
      if (i < tokens.length && !looksLikeOption(tokens[i]!)) values.push(tokens[i++]!);
    } else if (i < tokens.length && !looksLikeOption(tokens[i]!)) values.push(tokens[i++]!);

    if (kind === 'list' && values.length === 0) return fail(`argument ${label}: expected at least one argument`);
    if ((kind === 'string' || kind === 'int' || kind === 'float') && values.length === 0) return fail(`argument ${label}: expected one argument`);
    if (kind === 'bool' && values.length === 0) {
      args[arg.dest] = true;
      given.add(arg.dest);
      continue;
    }
    const converted: unknown[] = [];
    for (const raw of values) {
      const result = convert(arg, raw, prog);
      if ('error' in result) return result.error;
      converted.push(result.value);
    }
    args[arg.dest] = kind === 'list' || kind === 'list*' ? converted : converted[0];
    given.add(arg.dest);
  }

  for (const arg of all) {
    if (given.has(arg.dest)) continue;
    if (arg.dest === 'resource_group_name' && defaults.group) args[arg.dest] = defaults.group;
    else if (arg.dest === 'location' && defaults.location) args[arg.dest] = defaults.location;
    else if (arg.default !== undefined) args[arg.dest] = arg.default;
  }

  const usesIds = spec.ids && given.has('ids');
  const missing = all.filter((a) => a.required && args[a.dest] === undefined && !(spec.ids && a.idPart));
  if (missing.length > 0) return fail(`the following arguments are required: ${missing.map(optionLabel).join(', ')}`);
  if (spec.ids && !usesIds) {
    const parts = spec.args.filter((a) => a.idPart && a.required);
    if (parts.some((a) => args[a.dest] === undefined)) {
      return fail(`(${parts.map((a) => a.options[0]).join(' ')} | --ids) are required`);
    }
  }
  if (extras.length > 0) return fail(`unrecognized arguments: ${extras.join(' ')}`);
  return { ok: true, args, given, help: false };
}
