// The file tests of `test`, `[` and `[[` (-e, -f, -d, ...), shared by both.
import type { MemFS } from './memfs.ts';

export const FILE_TESTS = new Set(['-e', '-a', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-g', '-u', '-k', '-O', '-G', '-N']);

/** True when `op` holds for `operand` (relative to cwd). Unknown kinds (sockets, links) are false. */
export function fileTest(fs: MemFS, cwd: string, op: string, operand: string): boolean {
  if (operand === '') return false;
  const path = fs.resolve(cwd, operand);
  if (!fs.exists(path)) return false;
  const stat = fs.stat(path);
  switch (op) {
    case '-e':
    case '-a':
    case '-r':
    case '-w':
    case '-O':
    case '-G':
      return true;
    case '-f':
      return stat.type === 'file';
    case '-d':
      return stat.type === 'dir';
    case '-s':
      return stat.size > 0;
    case '-x':
      return stat.type === 'dir' || (stat.mode & 0o111) !== 0;
    case '-c':
      return stat.type === 'device';
    default:
      return false;
  }
}
