// Runs piped input through the sandbox and prints what the terminal would show.
import type { SandboxApi } from '../api.ts';
import { transcriptOf } from '../transcript.ts';

export async function runScript(
  sandbox: SandboxApi,
  input: AsyncIterable<string | Uint8Array>,
  output: { write(text: string): unknown },
  options: { json: boolean },
): Promise<number> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const step of transcriptOf(sandbox, lines)) {
    output.write(options.json ? JSON.stringify(step.json) + '\n' : step.display);
  }
  return 0;
}
