// Applies a command's redirections, left to right, to its standard streams. Files are opened
// (created / truncated) here, before the command runs, exactly as bash does.
import type { Redirect, Word, WordPart } from './ast.ts';
import { ExpansionError } from './expand.ts';
import { InputStream, type IO, type OutputTarget } from './io.ts';
import { describeError, type MemFS } from './memfs.ts';

export interface RedirectEnv {
  fs: MemFS;
  cwd: string;
  /** A file name operand (split + glob, must be one word). */
  target(word: Word): string;
  /** A here-string or heredoc body (no splitting). */
  text(parts: WordPart[]): string;
}

export type RedirectOutcome =
  | { ok: true; io: IO }
  /** `stderr` is where the message goes: the redirections before the failing one still apply. */
  | { ok: false; message: string; stderr: OutputTarget };

class RedirectFailure extends Error {}

export function applyRedirects(redirects: Redirect[], io: IO, env: RedirectEnv): RedirectOutcome {
  if (redirects.length === 0) return { ok: true, io };
  let stdin = io.stdin;
  const fds = new Map<number, OutputTarget>([
    [1, io.stdout],
    [2, io.stderr],
  ]);
  const setOutput = (fd: number, target: OutputTarget): void => {
    if (fd === 1 || fd === 2) fds.set(fd, target);
  };
  const open = (name: string, append: boolean): OutputTarget => {
    if (name === '/dev/stdout') return fds.get(1)!;
    if (name === '/dev/stderr') return fds.get(2)!;
    const path = env.fs.resolve(env.cwd, name);
    if (env.fs.exists(path)) {
      const stat = env.fs.stat(path);
      if (stat.type === 'device') return { kind: 'null' };
      if (stat.type === 'dir') throw new RedirectFailure(`bash: ${name}: Is a directory`);
    }
    try {
      if (!append || !env.fs.exists(path)) env.fs.writeFile(path, '');
    } catch (error) {
      throw new RedirectFailure(`bash: ${name}: ${describeError(error)}`);
    }
    return { kind: 'file', path, fs: env.fs };
  };

  try {
    for (const r of redirects) {
      switch (r.op) {
        case '<':
        case '<>': {
          const name = env.target(r.target!);
          const path = env.fs.resolve(env.cwd, name);
          if (!env.fs.exists(path)) {
            if (r.op === '<>') open(name, true);
            else throw new RedirectFailure(`bash: ${name}: No such file or directory`);
          }
          if (env.fs.isDir(path)) throw new RedirectFailure(`bash: ${name}: Is a directory`);
          let content: string;
          try {
            content = env.fs.readFile(path);
          } catch (error) {
            throw new RedirectFailure(`bash: ${name}: ${describeError(error)}`);
          }
          if ((r.fd ?? 0) === 0) stdin = new InputStream(content);
          break;
        }
        case '<<':
        case '<<-':
          if ((r.fd ?? 0) === 0) stdin = new InputStream(env.text(r.heredoc!.body));
          break;
        case '<<<':
          if ((r.fd ?? 0) === 0) stdin = new InputStream(`${env.text(r.target!.parts)}\n`);
          break;
        case '<&':
          env.target(r.target!);
          break;
        case '>':
        case '>|':
        case '>>':
          setOutput(r.fd ?? 1, open(env.target(r.target!), r.op === '>>'));
          break;
        case '&>':
        case '&>>': {
          const target = open(env.target(r.target!), r.op === '&>>');
          fds.set(1, target);
          fds.set(2, target);
          break;
        }
        case '>&': {
          const word = env.target(r.target!);
          const fd = r.fd ?? 1;
          if (/^\d+$/.test(word)) {
            const source = fds.get(Number(word));
            if (!source) {
              if (Number(word) === 0) break;
              throw new RedirectFailure(`bash: ${word}: Bad file descriptor`);
            }
            setOutput(fd, source);
          } else if (word === '-') {
            setOutput(fd, { kind: 'null' });
          } else if (r.fd === null) {
            const target = open(word, false);
            fds.set(1, target);
            fds.set(2, target);
          } else {
            throw new RedirectFailure(`bash: ${word}: ambiguous redirect`);
          }
          break;
        }
      }
    }
  } catch (error) {
    if (error instanceof RedirectFailure || error instanceof ExpansionError) {
      return { ok: false, message: error.message, stderr: fds.get(2)! };
    }
    throw error;
  }
  const stdout = fds.get(1)!;
  return { ok: true, io: { stdin, stdout, stderr: fds.get(2)!, tty: io.tty && stdout === io.stdout } };
}
