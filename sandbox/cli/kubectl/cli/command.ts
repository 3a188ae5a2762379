// The shape of one kubectl command in the registry: what cobra knows about it (name, aliases,
// usage line, help texts, flags, subcommands) plus the sandbox's handler and argument completion.
// One tree of these drives parsing, `--help` and Tab completion.
import type { Sim } from '../../sim.ts';
import type { MemFS } from '../../../shell/memfs.ts';
import type { CommandResult, Host, ShellControl } from '../../../shell/types.ts';
import type { FlagSpec, FlagValues } from './flags.ts';

/** Everything a kubectl run sees of its surroundings. */
export interface KubectlEnv {
  sim: Sim;
  host: Host;
  fs: MemFS;
  env: Readonly<Record<string, string>>;
  cwd: string;
  stdin: string;
  /** Absent when kubectl runs outside a terminal session (az aks command invoke). */
  shell?: ShellControl;
  tty?: boolean;
  /** A kubeconfig given as text instead of a file (az aks command invoke). */
  kubeconfigText?: string;
  /** Skip the network check to the API server (a client already inside the cluster). */
  skipTransport?: boolean;
}

export interface Invocation {
  env: KubectlEnv;
  command: KubectlCommand;
  /** `kubectl get`, `kubectl config view`: cobra's CommandPath. */
  path: string;
  flags: FlagValues;
  args: string[];
  argsLenAtDash: number;
}

export interface CompletionRequest {
  env: Pick<KubectlEnv, 'sim' | 'host' | 'fs' | 'env' | 'cwd'>;
  /** Positional arguments before the word being completed. */
  args: string[];
  partial: string;
  flags: FlagValues;
}

export interface KubectlCommand {
  name: string;
  aliases?: string[];
  /** cobra's Use without the command name: `[(-o|--output=)json|yaml] (TYPE ...)`. */
  use: string;
  short: string;
  long?: string;
  example?: string;
  flags?: FlagSpec[];
  subcommands?: KubectlCommand[];
  /** Groups of subcommands for the help text (the root's "Basic Commands (Beginner):" ...). */
  groups?: { message: string; names: string[] }[];
  /** Absent for command groups (`config`, `rollout`): they print their help and exit 1. */
  run?: (inv: Invocation) => CommandResult;
  hidden?: boolean;
  /** Where a command group prints its help when run without a subcommand (kubectl uses stderr, rollout stdout). */
  groupHelpTo?: 'stdout' | 'stderr';
  /** Flags cobra marks required: `error: required flag(s) "image" not set` when missing. */
  required?: string[];
  /** cobra's SuggestFor: typed names that suggest this command (`list` → get). */
  suggestFor?: string[];
  /** Completion of positional arguments. */
  completeArgs?: (req: CompletionRequest) => string[];
}
