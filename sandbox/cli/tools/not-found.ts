// A tool the image does not ship: the pod's shell answers as it does for any unknown command
// (BusyBox ash: `sh: curl: not found`, Debian's dash: `sh: 1: curl: not found`), status 127.
import type { CommandDefinition } from '../../shell/types.ts';
import type { ShellStyle } from './images.ts';

export function notFoundMessage(shell: ShellStyle, name: string): string {
  if (shell === 'busybox') return `sh: ${name}: not found\n`;
  if (shell === 'dash') return `sh: 1: ${name}: not found\n`;
  return `bash: ${name}: command not found\n`;
}

export function missingTool(name: string, shell: ShellStyle): CommandDefinition {
  return {
    name,
    summary: `(not installed in this image)`,
    run: () => ({ stdout: '', stderr: notFoundMessage(shell, name), exitCode: 127 }),
  };
}
