// Replays input lines through a sandbox, grouping continuation lines into commands, and renders
// each step exactly as the terminal shows it. Used by the headless CLI and the transcript tests.
import type { ExecResult, SandboxApi } from './api.ts';

export interface TranscriptStep {
  /** The whole command as typed (continuation lines joined with '\n'). */
  command: string;
  result: ExecResult;
  /** Prompt(s) with the typed line(s), then stdout, then stderr. */
  display: string;
  json: { command: string; stdout: string; stderr: string; exitCode: number };
}

const UNEXPECTED_EOF = 'bash: syntax error: unexpected end of file\n';

export function* transcriptOf(sandbox: SandboxApi, lines: Iterable<string>): Generator<TranscriptStep> {
  let typed: string[] = [];
  let echoed = '';
  for (const line of lines) {
    echoed += `${sandbox.prompt()}${line}\n`;
    typed.push(line);
    const result = sandbox.exec(line);
    if (result.incomplete) continue;
    yield step(typed.join('\n'), result, echoed);
    typed = [];
    echoed = '';
  }
  if (typed.length > 0) {
    sandbox.cancel();
    yield step(typed.join('\n'), { stdout: '', stderr: UNEXPECTED_EOF, exitCode: 2 }, echoed);
  }
}

function step(command: string, result: ExecResult, echoed: string): TranscriptStep {
  return {
    command,
    result,
    display: echoed + result.stdout + result.stderr,
    json: { command, stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode },
  };
}
