// Go text/tabwriter as kubectl configures it: cells separated by tabs are padded to the widest
// cell of their column plus `padding`, never narrower than `minWidth`; the text after a line's
// last tab is written as it is (no trailing spaces). get uses minwidth 6, padding 3
// (cli-runtime printers.GetNewTabWriter); describe minwidth 0, padding 2.

export interface TabOptions {
  minWidth: number;
  padding: number;
}

export const GET_TABS: TabOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE_TABS: TabOptions = { minWidth: 0, padding: 2 };

/**
 * Aligns lines of tab-separated cells. A column is a block of consecutive lines that all have a
 * cell there (Go's column blocks), so a line with fewer cells ends the blocks to its right.
 */
export function tabAlign(text: string, options: TabOptions = GET_TABS): string {
  const trailingNewline = text.endsWith('\n');
  const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
  const widths: number[][] = lines.map((cells) => new Array<number>(Math.max(0, cells.length - 1)).fill(0));
  // Column blocks, column by column from the left.
  const formatColumn = (from: number, to: number, column: number): void => {
    let line = from;
    while (line < to) {
      if (lines[line]!.length - 1 <= column) {
        line++;
        continue;
      }
      const start = line;
      let width = options.minWidth;
      while (line < to && lines[line]!.length - 1 > column) {
        width = Math.max(width, lines[line]![column]!.length + options.padding);
        line++;
      }
      for (let i = start; i < line; i++) widths[i]![column] = width;
      formatColumn(start, line, column + 1);
    }
  };
  formatColumn(0, lines.length, 0);
  const out = lines.map((cells, i) => cells.map((cell, c) => (c < cells.length - 1 ? cell.padEnd(widths[i]![c]!) : cell)).join(''));
  return out.join('\n') + (trailingNewline ? '\n' : '');
}
