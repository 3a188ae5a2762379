// Reading and typing into the real xterm.js terminal of a lesson page.
import { expect, type Page } from '@playwright/test';

export const TERMINAL = '[data-terminal]';

/** Waits until the sandbox has printed its first prompt. */
export async function terminalReady(page: Page): Promise<void> {
  await expect(page.locator(`${TERMINAL}[data-ready="true"]`)).toBeVisible();
}

/**
 * The terminal's whole buffer (scrollback included) as logical lines: rows the terminal wrapped
 * because they were wider than the screen are joined back, trailing spaces trimmed.
 */
export async function terminalLines(page: Page): Promise<string[]> {
  return page.locator(TERMINAL).evaluate((el) => {
    interface Row { isWrapped: boolean; translateToString(trim: boolean): string }
    const term = (el as unknown as { __term: { buffer: { active: { length: number; getLine(i: number): Row | undefined } } } }).__term;
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const row = buffer.getLine(i);
      if (!row) continue;
      if (row.isWrapped && lines.length > 0) lines[lines.length - 1] += row.translateToString(true);
      else lines.push(row.translateToString(true));
    }
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  });
}

/** Focuses the terminal and types a line, then Enter. */
export async function typeCommand(page: Page, line: string): Promise<void> {
  await page.locator(`${TERMINAL} .xterm-helper-textarea`).focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Waits until a terminal row equals `text` exactly (or matches the pattern). */
export async function expectLine(page: Page, text: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await terminalLines(page)).some((l) => (typeof text === 'string' ? l === text : text.test(l))), {
      message: `terminal shows a line ${String(text)}`,
    })
    .toBe(true);
}
