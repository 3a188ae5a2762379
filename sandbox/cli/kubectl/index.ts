// kubectl in the sandbox: the command registered on hosts, and runKubectl for callers that run
// kubectl without a terminal (az aks command invoke runs it inside the cluster with the
// cluster's admin kubeconfig).
import type { CommandDefinition, CommandResult, Host } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import type { KubectlEnv } from './cli/command.ts';
import { runCommandLine } from './cli/dispatch.ts';
import { reapEndedSessions } from './commands/run-sessions.ts';
import { completeKubectl } from './complete.ts';
import { rootCommand } from './root.ts';

function safeRun(argv: readonly string[], env: KubectlEnv): CommandResult {
  try {
    reapEndedSessions(env.sim, env.shell);
    return runCommandLine(rootCommand(), argv, env);
  } catch (error) {
    // A bug in the emulator must not look like a crash of the learner's shell.
    const message = error instanceof Error ? error.message : String(error);
    return { stdout: '', stderr: `error: internal error in the sandbox's kubectl: ${message}\n`, exitCode: 1 };
  }
}

export function kubectlDefinition(sim: Sim): CommandDefinition {
  return {
    name: 'kubectl',
    summary: 'the Kubernetes command-line tool (emulated): get, describe, apply, logs, exec, ...',
    run(ctx) {
      return safeRun(ctx.argv, { sim, host: ctx.host, fs: ctx.fs, env: ctx.env, cwd: ctx.cwd, stdin: ctx.stdin, shell: ctx.shell, tty: ctx.tty });
    },
    complete(words, ctx) {
      return completeKubectl(words, { sim, host: ctx.host, fs: ctx.fs, env: ctx.env, cwd: ctx.cwd });
    },
  };
}

/**
 * The command provider for install.ts: kubectl on the learner's workstation and on other
 * machines (a jump box VM), not on AKS nodes (which ship without it) nor in pods.
 */
export function kubectlCommands(sim: Sim, host: Host): CommandDefinition[] {
  if (host.kind === 'node' || host.kind === 'pod') return [];
  return [kubectlDefinition(sim)];
}

export interface RunKubectlOptions {
  /** A kubeconfig as text (the admin credential az aks command invoke uses); no file is read. */
  kubeconfigText?: string;
  stdin?: string;
  /** Where relative -f paths resolve (default: the host's home). */
  cwd?: string;
  /** Check the network path to the API server (default: not when a kubeconfig text is given, since the caller runs inside the cluster). */
  checkTransport?: boolean;
}

/** Runs one kubectl command line (argv[0] = 'kubectl') on a host without a terminal session. */
export function runKubectl(sim: Sim, host: Host, argv: readonly string[], options: RunKubectlOptions = {}): CommandResult {
  const env: KubectlEnv = {
    sim,
    host,
    fs: host.fs,
    env: host.env,
    cwd: options.cwd ?? host.home,
    stdin: options.stdin ?? '',
    skipTransport: !(options.checkTransport ?? options.kubeconfigText === undefined),
  };
  if (options.kubeconfigText !== undefined) env.kubeconfigText = options.kubeconfigText;
  const result = safeRun(argv, env);
  sim.settle();
  return result;
}
