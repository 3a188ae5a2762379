// One shell session on one host: working directory, variables (with their export flags), $?
// and positional parameters. A subshell is a clone.
import type { FunctionDefinition } from './ast.ts';
import { MAX_VALUE } from './limits.ts';
import type { Host, ShellVariable } from './types.ts';

export interface SessionState {
  host: string;
  cwd: string;
  lastExit: number;
  /** [name, value] in creation order. */
  vars: [string, string][];
  exported: string[];
  /** [name, value]; absent in states saved before aliases existed. */
  aliases?: [string, string][];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What bash accepts as an alias name: no blanks, quotes, `/`, `$`, `=` or shell metacharacters. */
export const ALIAS_NAME = /^[^\s'"\\/$`=|&;()<>]+$/;

export class Session {
  host: Host;
  cwd: string;
  lastExit = 0;
  /** $0 and $1.. (scripts, `bash -c`); the interactive shell has none. */
  arg0 = 'bash';
  args: string[] = [];
  /** `alias k=kubectl`: expanded by the parser for interactive input. */
  aliases = new Map<string, string>();
  /** Shell functions (not saved in SessionState: they exist as parsed code only). */
  functions = new Map<string, FunctionDefinition>();
  private vars = new Map<string, string>();
  private exported = new Set<string>();

  private constructor(host: Host, cwd: string) {
    this.host = host;
    this.cwd = cwd;
  }

  /** A fresh login on `host`: its environment, all exported, in its working directory (home by default). */
  static start(host: Host): Session {
    const start = host.workdir ?? host.home;
    const home = host.fs.isDir(start) ? start : '/';
    const session = new Session(host, home);
    for (const [name, value] of Object.entries(host.env ?? {})) {
      if (NAME.test(name)) session.set(name, String(value), true);
    }
    if (session.get('HOME') === undefined) session.set('HOME', host.home, true);
    session.set('PWD', home, true);
    return session;
  }

  clone(): Session {
    const copy = new Session(this.host, this.cwd);
    copy.lastExit = this.lastExit;
    copy.arg0 = this.arg0;
    copy.args = this.args.slice();
    copy.vars = new Map(this.vars);
    copy.exported = new Set(this.exported);
    copy.aliases = new Map(this.aliases);
    copy.functions = new Map(this.functions);
    return copy;
  }

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  set(name: string, value: string, exported?: boolean): void {
    this.vars.set(name, value.length > MAX_VALUE ? value.slice(0, MAX_VALUE) : value);
    if (exported) this.exported.add(name);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  isExported(name: string): boolean {
    return this.exported.has(name);
  }

  markExported(name: string, exported: boolean): void {
    if (exported) this.exported.add(name);
    else this.exported.delete(name);
  }

  variables(): ShellVariable[] {
    return [...this.vars].map(([name, value]) => ({ name, value, exported: this.exported.has(name) }));
  }

  exportedWithoutValue(): string[] {
    return [...this.exported].filter((name) => !this.vars.has(name));
  }

  /** The environment a command receives: exported variables, in creation order. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, value] of this.vars) if (this.exported.has(name)) defineVar(env, name, value);
    for (const [name, value] of Object.entries(extra)) defineVar(env, name, value);
    return env;
  }

  setCwd(path: string): void {
    if (path === this.cwd && this.get('PWD') === path) return;
    this.set('OLDPWD', this.get('PWD') ?? this.cwd, true);
    this.cwd = path;
    this.set('PWD', path, true);
  }

  toJSON(): SessionState {
    return {
      host: this.host.id,
      cwd: this.cwd,
      lastExit: this.lastExit,
      vars: [...this.vars],
      exported: [...this.exported],
      aliases: [...this.aliases],
    };
  }

  /** Rebuilds a session; throws an Error saying what is wrong with `json`. */
  static fromJSON(json: unknown, resolveHost: (id: string) => Host | undefined, where: string): Session {
    const fail = (why: string): never => {
      throw new Error(`shell state: ${where}: ${why}`);
    };
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('expected an object');
    const j = json as Record<string, unknown>;
    if (typeof j.host !== 'string') fail('host must be a string');
    const host = resolveHost(j.host as string);
    if (!host) return fail(`unknown host ${JSON.stringify(j.host)}`);
    if (typeof j.cwd !== 'string' || !j.cwd.startsWith('/')) fail('cwd must be an absolute path');
    if (typeof j.lastExit !== 'number' || !Number.isInteger(j.lastExit) || j.lastExit < 0 || j.lastExit > 255) {
      fail('lastExit must be an integer 0-255');
    }
    if (!Array.isArray(j.vars)) fail('vars must be an array');
    if (!Array.isArray(j.exported)) fail('exported must be an array');
    const session = new Session(host, j.cwd as string);
    session.lastExit = j.lastExit as number;
    for (const entry of j.vars as unknown[]) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
        fail(`bad variable entry ${JSON.stringify(entry)}`);
      }
      const [name, value] = entry as [string, string];
      if (!NAME.test(name)) fail(`bad variable name ${JSON.stringify(name)}`);
      session.vars.set(name, value);
    }
    for (const name of j.exported as unknown[]) {
      if (typeof name !== 'string' || !NAME.test(name)) fail(`bad exported name ${JSON.stringify(name)}`);
      session.exported.add(name as string);
    }
    if (j.aliases !== undefined) {
      if (!Array.isArray(j.aliases)) fail('aliases must be an array');
      for (const entry of j.aliases as unknown[]) {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || !ALIAS_NAME.test(entry[0])) {
          fail(`bad alias entry ${JSON.stringify(entry)}`);
        }
        const [name, value] = entry as [string, string];
        session.aliases.set(name, value);
      }
    }
    return session;
  }
}

/** Own data property, so a variable called `__proto__` stays an ordinary key. */
export function defineVar(target: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
