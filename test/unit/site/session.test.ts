import { describe, expect, it } from 'vitest';
import { TerminalSession, type SandboxPort } from '../../../site/scripts/terminal/session.ts';
import type { ExecResult } from '../../../sandbox/api.ts';
import { FakeScreen } from './fake-screen.ts';

/** A pretend sandbox: `echo` echoes, a trailing `\` continues, `slow` waits for release(). */
function fakeSandbox() {
  const ran: string[] = [];
  let pending = '';
  let release: (() => void) | undefined;
  let cancels = 0;
  const commands = ['kubectl', 'kubelet', 'help', 'history'];
  const sandbox: SandboxPort = {
    async exec(line): Promise<ExecResult> {
      ran.push(line);
      if (line.endsWith('\\')) {
        pending += line.slice(0, -1);
        return { stdout: '', stderr: '', exitCode: 0, incomplete: true };
      }
      const full = pending + line;
      pending = '';
      if (full === 'slow') await new Promise<void>((r) => (release = r));
      if (full === 'clear') return { stdout: '', stderr: '', exitCode: 0, clearScreen: true };
      if (full.startsWith('echo ')) return { stdout: `${full.slice(5)}\n`, stderr: '', exitCode: 0 };
      if (full === 'printf') return { stdout: 'no newline', stderr: '', exitCode: 0 };
      if (full === '') return { stdout: '', stderr: '', exitCode: 0 };
      return { stdout: '', stderr: `bash: ${full}: command not found\n`, exitCode: 127 };
    },
    async complete(line, cursor) {
      const from = line.lastIndexOf(' ', cursor - 1) + 1;
      const word = line.slice(from, cursor);
      return { from, candidates: commands.filter((c) => c.startsWith(word)) };
    },
    async prompt() {
      return pending ? '> ' : '$ ';
    },
    async cancel() {
      cancels++;
      pending = '';
    },
  };
  return { sandbox, ran, release: () => release?.(), cancels: () => cancels };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function setup(history: string[] = [], cols = 40) {
  const screen = new FakeScreen(cols);
  const fake = fakeSandbox();
  const saved: string[][] = [];
  const running: boolean[] = [];
  const session = new TerminalSession({
    screen,
    sandbox: fake.sandbox,
    history,
    onHistory: (lines) => saved.push(lines),
    onRunning: (r) => running.push(r),
  });
  session.start('$ ');
  const type = async (data: string) => {
    session.handleData(data);
    await settle();
    await settle();
  };
  return { screen, session, fake, saved, running, type };
}

describe('TerminalSession', () => {
  it('runs a line and prints its output and the next prompt', async () => {
    const { screen, type, fake, saved, running } = setup();
    await type('echo hi');
    await type('\r');
    expect(fake.ran).toEqual(['echo hi']);
    expect(screen.lines).toEqual(['$ echo hi', 'hi', '$']);
    expect(screen.cursor).toEqual([2, 2]);
    expect(saved.at(-1)).toEqual(['echo hi']);
    expect(running).toEqual([true, false]);
  });

  it('prints stderr after stdout and ends unterminated output with a newline', async () => {
    const { screen, type } = setup();
    await type('nosuch\r');
    await type('printf\r');
    expect(screen.lines).toEqual(['$ nosuch', 'bash: nosuch: command not found', '$ printf', 'no newline', '$']);
  });

  it('shows the continuation prompt for incomplete input', async () => {
    const { screen, type, fake } = setup();
    await type('echo a\\\r');
    await type('b\r');
    expect(fake.ran).toEqual(['echo a\\', 'b']);
    expect(screen.lines).toEqual(['$ echo a\\', '> b', 'ab', '$']);
  });

  it('recalls history with up, keeping what was typed', async () => {
    const { screen, type } = setup(['echo one', 'echo two']);
    await type('par');
    await type('\x1b[A');
    expect(screen.lines.at(-1)).toBe('$ echo two');
    await type('\x1b[A\x1b[B\x1b[B');
    expect(screen.lines.at(-1)).toBe('$ par');
  });

  it('edits in the middle of the line', async () => {
    const { screen, type, fake } = setup();
    await type('echo wrld');
    await type('\x1b[D\x1b[D\x1b[Do');
    expect(screen.lines.at(-1)).toBe('$ echo world');
    await type('\x05\x17hello\r');
    expect(fake.ran).toEqual(['echo hello']);
  });

  it('Ctrl-C abandons the line, cancels the sandbox and shows a new prompt', async () => {
    const { screen, type, fake } = setup();
    await type('echo half');
    await type('\x03');
    expect(screen.lines).toEqual(['$ echo half^C', '$']);
    expect(fake.cancels()).toBe(1);
    expect(fake.ran).toEqual([]);
  });

  it('keeps what is typed while a command runs and replays it afterwards', async () => {
    const { screen, session, type, fake } = setup();
    await type('slow\r');
    await type('echo typed ahead\r');
    expect(fake.ran).toEqual(['slow']);
    fake.release();
    await settle();
    await settle();
    expect(fake.ran).toEqual(['slow', 'echo typed ahead']);
    expect(screen.lines).toEqual(['$ slow', 'bash: slow: command not found', '$ echo typed ahead', 'typed ahead', '$']);
    expect(session.isBusy).toBe(false);
  });

  it('drops type-ahead on Ctrl-C while a command runs', async () => {
    const { screen, session, type, fake } = setup();
    await type('slow\r');
    expect(session.isBusy).toBe(true);
    await type('ignored');
    await type('\x03');
    fake.release();
    await settle();
    await settle();
    expect(screen.lines).toEqual(['$ slow', '^C', '$']);
    expect(session.isBusy).toBe(false);
    await type('echo next\r');
    expect(fake.ran).toEqual(['slow', 'echo next']);
  });

  it('runs a multi-line paste line by line and leaves the last line in the editor', async () => {
    const { screen, type, fake } = setup();
    await type('echo a\recho b\recho c');
    expect(fake.ran).toEqual(['echo a', 'echo b']);
    expect(screen.lines).toEqual(['$ echo a', 'a', '$ echo b', 'b', '$ echo c']);
  });

  it('clears the screen for Ctrl-L and for clearScreen results, keeping the prompt', async () => {
    const { screen, type } = setup();
    await type('echo a\r');
    await type('echo b');
    await type('\x0c');
    expect(screen.lines).toEqual(['$ echo b']);
    await type('\x15clear\r');
    expect(screen.lines).toEqual(['$']);
  });

  it('completes a single candidate, then the common prefix, then lists on a second Tab', async () => {
    const { screen, type } = setup();
    await type('he');
    await type('\t');
    expect(screen.lines.at(-1)).toBe('$ help');
    await type('\x15k');
    await type('\t');
    expect(screen.lines.at(-1)).toBe('$ kube');
    await type('\t');
    expect(screen.lines.slice(-2)).toEqual(['kubectl  kubelet', '$ kube']);
    expect(screen.cursor).toEqual([screen.lines.length - 1, 6]);
  });

  it('types and runs commands from the bus in order, after the current one', async () => {
    const { screen, session, type, fake } = setup();
    await type('draft');
    session.run('echo one\necho two');
    session.run('echo three');
    await settle();
    await settle();
    await settle();
    expect(fake.ran).toEqual(['echo one', 'echo two', 'echo three']);
    expect(screen.lines).toEqual(['$ echo one', 'one', '$ echo two', 'two', '$ echo three', 'three', '$']);
  });

  it('queues bus commands sent before the session started', async () => {
    const screen = new FakeScreen(40);
    const fake = fakeSandbox();
    const session = new TerminalSession({ screen, sandbox: fake.sandbox });
    session.run('echo early');
    expect(fake.ran).toEqual([]);
    session.start('$ ', 'snapshot ignored');
    await settle();
    await settle();
    expect(screen.lines).toEqual(['snapshot ignored', '$ echo early', 'early', '$']);
  });
});
