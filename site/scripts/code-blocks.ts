// Wires the Copy and Run buttons that site/lib/code-block-transformer.ts renders (hidden)
// on lesson code blocks: reveals them and handles clicks for the whole page at once.
import { runInTerminal } from './terminal/bus.ts';

const codeOf = (block: Element): string => block.querySelector('pre code, pre')?.textContent?.replace(/\n$/, '') ?? '';

function announce(message: string): void {
  const region = document.querySelector('[data-code-announcer]');
  if (region) region.textContent = message;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // Clipboard API unavailable (insecure context, permission denied).
  }
}

/** Selects the code so the learner can copy it with the keyboard when the API fails. */
function selectCode(block: Element): void {
  const code = block.querySelector('pre');
  const selection = getSelection();
  if (!code || !selection) return;
  selection.selectAllChildren(code);
}

function flash(button: HTMLButtonElement, label: string): void {
  const original = button.dataset.label ?? button.textContent ?? '';
  button.dataset.label = original;
  button.textContent = label;
  setTimeout(() => (button.textContent = original), 1500);
}

/** Brings the terminal on screen (stacked layout) without taking focus from the button. */
function revealTerminal(): void {
  const terminal = document.querySelector('[data-terminal]');
  if (!terminal) return;
  const box = terminal.getBoundingClientRect();
  if (box.bottom < 0 || box.top > innerHeight) terminal.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-code-block] button[data-action]')) {
  button.hidden = false;
}

document.addEventListener('click', async (event) => {
  const button = (event.target as Element).closest<HTMLButtonElement>('[data-code-block] button[data-action]');
  const block = button?.closest('[data-code-block]');
  if (!button || !block) return;
  const code = codeOf(block);
  if (button.dataset.action === 'run') {
    runInTerminal(code);
    revealTerminal();
    announce('Command sent to the terminal.');
    flash(button, 'Sent');
  } else if (button.dataset.action === 'copy') {
    const ok = await copy(code);
    if (!ok) selectCode(block);
    announce(ok ? 'Code copied to the clipboard.' : 'Copying failed: the code is selected, copy it with your keyboard.');
    flash(button, ok ? 'Copied' : 'Selected');
  }
});
