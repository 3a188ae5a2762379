// Builds a workstation-like host and shell for the shell tests.
import type { ExecResult } from '../../../sandbox/api.ts';
import { registerBuiltins } from '../../../sandbox/shell/builtins/index.ts';
import { MemFS } from '../../../sandbox/shell/memfs.ts';
import { CommandRegistry } from '../../../sandbox/shell/registry.ts';
import { Shell } from '../../../sandbox/shell/shell.ts';
import type { Host } from '../../../sandbox/shell/types.ts';

export const HOME = '/home/learner';

export function makeHost(options: { id?: string; user?: string; hostname?: string; home?: string; files?: Record<string, string>; kind?: string } = {}): Host {
  const home = options.home ?? HOME;
  const fs = new MemFS();
  fs.mkdir(home, { recursive: true });
  fs.mkdir('/tmp', { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    const abs = fs.resolve(home, path);
    fs.mkdir(abs.slice(0, abs.lastIndexOf('/')) || '/', { recursive: true });
    fs.writeFile(abs, text);
  }
  const commands = new CommandRegistry();
  registerBuiltins(commands);
  const user = options.user ?? 'learner';
  return {
    id: options.id ?? 'workstation',
    kind: options.kind ?? 'workstation',
    user,
    hostname: options.hostname ?? 'workstation',
    home,
    fs,
    commands,
    env: { HOME: home, USER: user, PATH: '/usr/local/bin:/usr/bin:/bin' },
  };
}

export function makeShell(files: Record<string, string> = {}): { shell: Shell; host: Host } {
  const host = makeHost({ files });
  return { shell: new Shell(host), host };
}

/** Runs each line in turn and returns the last result. */
export function run(shell: Shell, ...lines: string[]): ExecResult {
  let result: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  for (const line of lines) result = shell.exec(line);
  return result;
}

/** The shape every exec result is compared with. */
export function result(stdout: string, stderr = '', exitCode = 0): ExecResult {
  return { stdout, stderr, exitCode };
}

/** A fresh shell running one line: { stdout, stderr, exitCode }. */
export function sh(line: string, files: Record<string, string> = {}): ExecResult {
  return makeShell(files).shell.exec(line);
}
