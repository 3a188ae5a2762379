import { expect, test } from '@playwright/test';
import { expectLine, terminalLines, terminalReady, typeCommand, TERMINAL } from './terminal-helpers.ts';

async function openFirstLesson(page: import('@playwright/test').Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: /Using the sandbox/i }).first().click();
  await terminalReady(page);
}

test.describe('lesson terminal', () => {
  test('runs a pipeline in the worker and shows its output', async ({ page }) => {
    await openFirstLesson(page);
    await typeCommand(page, 'echo hello | wc -c');
    await expectLine(page, '6');
  });

  test('reports an unknown command like bash', async ({ page }) => {
    await openFirstLesson(page);
    await typeCommand(page, 'nosuch');
    await expectLine(page, 'bash: nosuch: command not found');
  });

  test('keeps the history across a reload', async ({ page }) => {
    await openFirstLesson(page);
    await typeCommand(page, 'echo remembered-line');
    await expectLine(page, 'remembered-line');
    await page.reload();
    await terminalReady(page);
    await page.locator(`${TERMINAL} .xterm-helper-textarea`).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await terminalLines(page)).at(-1)).toMatch(/\$ echo remembered-line$/);
    await page.keyboard.press('Enter');
    await expectLine(page, 'remembered-line');
    await typeCommand(page, 'history');
    await expectLine(page, /^\s+\d+\s+echo remembered-line$/);
  });

  test('a Run button types the command into the terminal', async ({ page }) => {
    await openFirstLesson(page);
    const button = page.getByRole('button', { name: /Run in terminal: echo hello \| wc -c/ }).first();
    await button.click();
    await expectLine(page, /\$ echo hello \| wc -c$/);
    await expectLine(page, '6');
  });

  test('the worker runs the simulated cluster: kubectl lists the scenario nodes', async ({ page }) => {
    await openFirstLesson(page);
    await typeCommand(page, 'kubectl get nodes --no-headers | wc -l');
    await expectLine(page, '3');
    await typeCommand(page, 'kubectl get nodes');
    await expectLine(page, /^aks-nodepool1-\d{8}-vmss000002\s+Ready\s+agent\s+\d+m\s+v1\.\d+\.\d+$/);
  });
});
