// The shapes of az's command table: groups, commands and their arguments, as azure-cli's
// command loaders register them (knack CLICommand + argparse actions). One table drives
// parsing, `--help`, Tab completion and the error recommendations.
import type { AzureError } from '../../model/azure/errors.ts';
import type { World } from '../../model/world.ts';
import type { CommandContext } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';

/** How argparse consumes and converts an argument's values. */
export type ArgKind =
  /** One value (argparse `store`). */
  | 'string'
  | 'int'
  | 'float'
  /** `action='store_true'`: a flag without a value. */
  | 'flag'
  /** azure-cli `get_three_state_flag()`: `--x`, `--x true`, `--x false` (nargs='?'). */
  | 'bool'
  /** nargs='+': one or more space-separated values. */
  | 'list'
  /** nargs='*': zero or more values. */
  | 'list*';

export interface ArgSpec {
  /** Python-style destination, e.g. `resource_group_name`; the key in parsed args. */
  dest: string;
  /** Option strings in the order az registers them, e.g. ['--resource-group', '-g']. */
  options: string[];
  kind?: ArgKind;
  help: string;
  required?: boolean;
  /** Case-insensitive choices (azure-cli get_enum_type); values are normalized to these spellings. */
  choices?: string[];
  /** Shown as `Default: x.` in help and used when the argument is omitted. */
  default?: string | number | boolean;
  /** Help section, e.g. 'Network' → "Network Arguments". */
  group?: string;
  /** Candidates for Tab completion of the value. */
  complete?: (world: World) => string[];
  /** Hidden from help (deprecated aliases). */
  hidden?: boolean;
  /** Part of a resource id: `--ids` may stand for it (network show/delete/update commands). */
  idPart?: boolean;
}

export interface Example {
  name: string;
  text: string;
}

/** What a handler receives. */
export interface AzInvocation {
  sim: Sim;
  world: World;
  ctx: CommandContext;
  /** Parsed values keyed by dest; omitted arguments hold their default or undefined. */
  args: Record<string, unknown>;
  /** Dests the learner gave explicitly. */
  given: Set<string>;
  /** Logs a warning (stderr, `WARNING: ` prefix or yellow) unless --only-show-errors. */
  warn(message: string): void;
}

/**
 * What a handler produces: a result for the output pipeline (`undefined` prints nothing), or
 * text already formatted by the command itself (`az aks command invoke`, `get-credentials -f -`),
 * or a typed Azure error.
 */
export type AzOutcome = { result: unknown } | { text: string; exitCode?: number } | AzureError;

export interface CommandSpec {
  /** Full name without `az`, e.g. `aks nodepool list`. */
  name: string;
  summary: string;
  long?: string;
  args: ArgSpec[];
  examples?: Example[];
  /** `--ids` stands for the id-part arguments (azure-cli's `id_part`). */
  ids?: boolean;
  /** Columns for `-o table` when no --query is given (azure-cli table_transformer). */
  table?: (result: unknown) => unknown;
  /** Marks `[Preview]` in help. */
  preview?: boolean;
  run(inv: AzInvocation): AzOutcome;
}

export interface GroupSpec {
  name: string;
  summary: string;
  long?: string;
  preview?: boolean;
}
