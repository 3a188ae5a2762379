// Marks completed lessons wherever a ProgressMark is on the page.
import { readProgress } from './progress.ts';

export function paintProgress(): void {
  const progress = readProgress();
  for (const mark of document.querySelectorAll<HTMLElement>('[data-progress-mark]')) {
    const done = progress[mark.dataset.progressMark ?? ''] === true;
    mark.toggleAttribute('data-done', done);
    const text = mark.querySelector('[data-progress-text]');
    if (text) text.textContent = done ? 'Completed' : 'Not completed';
  }
}

paintProgress();
// Another tab finishing a lesson updates this one too.
addEventListener('storage', paintProgress);
// Back/forward cache restores an old page: repaint from current storage.
addEventListener('pageshow', paintProgress);
