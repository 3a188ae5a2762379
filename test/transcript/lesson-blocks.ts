// Reads a lesson's MDX source and pulls out what the transcript tests run:
// fenced blocks whose meta has the word `run` (```sh run), each with the `output` block that
// may follow it and the exit code it may state (```sh run exit=1).
import { parse as parseYaml } from 'yaml';

export interface RunnableBlock {
  /** 1-based line of the opening fence in the .mdx file, for error messages. */
  line: number;
  commands: string[];
  /** Expected combined output of the block, if an ```output block follows it. */
  expected?: string;
  /** Expected exit code of the block's last command (every earlier one must exit 0). */
  exit: number;
}

export interface LessonSource {
  frontmatter: Record<string, unknown>;
  blocks: RunnableBlock[];
}

interface Fence {
  line: number;
  lang: string;
  meta: string;
  body: string;
  /** Index of the line after the closing fence. */
  end: number;
}

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

function readFence(lines: string[], start: number): Fence | undefined {
  const open = FENCE_OPEN.exec(lines[start]!);
  if (!open) return undefined;
  const [, indent, marker, lang, meta] = open;
  const body: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const trimmed = lines[i]!.trim();
    if (closes(trimmed, marker!)) break;
    body.push(lines[i]!.startsWith(indent!) ? lines[i]!.slice(indent!.length) : lines[i]!);
  }
  return { line: start + 1, lang: lang!, meta: meta!.trim(), body: body.join('\n'), end: i + 1 };
}

// A closing fence is the opening character repeated at least as often, and nothing else.
function closes(line: string, marker: string): boolean {
  return line.length >= marker.length && [...line].every((c) => c === marker[0]);
}

export function isRunnableMeta(meta: string): boolean {
  return meta.split(/\s+/).includes('run');
}

function exitFromMeta(meta: string): number {
  const match = /(?:^|\s)exit=(\d+)(?:\s|$)/.exec(meta);
  return match ? Number(match[1]) : 0;
}

export function parseLesson(source: string): LessonSource {
  const lines = source.split(/\r?\n/);
  let frontmatter: Record<string, unknown> = {};
  let i = 0;
  if (lines[0] === '---') {
    const close = lines.indexOf('---', 1);
    frontmatter = (parseYaml(lines.slice(1, close).join('\n')) ?? {}) as Record<string, unknown>;
    i = close + 1;
  }
  const blocks: RunnableBlock[] = [];
  while (i < lines.length) {
    const fence = readFence(lines, i);
    if (!fence) {
      i++;
      continue;
    }
    i = fence.end;
    if (!isRunnableMeta(fence.meta)) continue;
    const block: RunnableBlock = {
      line: fence.line,
      commands: fence.body.split('\n'),
      exit: exitFromMeta(fence.meta),
    };
    let j = i;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const next = j < lines.length ? readFence(lines, j) : undefined;
    if (next && next.lang === 'output') {
      block.expected = next.body;
      i = next.end;
    }
    blocks.push(block);
  }
  return { frontmatter, blocks };
}

/**
 * Compares actual output with an expected block. Trailing spaces and trailing blank lines are
 * ignored; a line holding only `...` matches any number of lines (including none).
 */
export function outputMatches(expected: string, actual: string): boolean {
  const norm = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '').split('\n');
  return matchLines(norm(expected), norm(actual));
}

function matchLines(want: string[], got: string[]): boolean {
  if (want.length === 0) return got.length === 0 || (got.length === 1 && got[0] === '');
  const [head, ...rest] = want;
  if (head === '...') {
    for (let k = 0; k <= got.length; k++) if (matchLines(rest, got.slice(k))) return true;
    return false;
  }
  return got.length > 0 && got[0] === head && matchLines(rest, got.slice(1));
}
