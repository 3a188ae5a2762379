// <aks-split>: the resizable lesson/sandbox split. The separator is a focusable
// role="separator" (arrow keys, Home/End) that can also be dragged; the position is kept
// in localStorage and applied before first paint by Base.astro's inline script.
import { clampSplit, SPLIT_DEFAULT, SPLIT_KEY, splitForKey } from './split-value.ts';

export class AksSplit extends HTMLElement {
  private separator!: HTMLElement;

  connectedCallback(): void {
    const separator = this.querySelector<HTMLElement>(':scope > [role="separator"]');
    if (!separator || this.separator) return;
    this.separator = separator;
    const initial = parseFloat(getComputedStyle(this).getPropertyValue('--split'));
    this.apply(Number.isFinite(initial) ? initial : SPLIT_DEFAULT, false);

    separator.addEventListener('keydown', (event) => {
      const next = splitForKey(this.value, event.key, event.shiftKey);
      if (next === undefined) return;
      event.preventDefault();
      this.apply(next, true);
    });
    separator.addEventListener('pointerdown', (event) => this.drag(event));
  }

  get value(): number {
    return Number(this.separator.getAttribute('aria-valuenow')) || SPLIT_DEFAULT;
  }

  private apply(value: number, save: boolean): void {
    const pct = clampSplit(value);
    this.style.setProperty('--split', `${pct}%`);
    this.separator.setAttribute('aria-valuenow', String(pct));
    this.separator.setAttribute('aria-valuetext', `Lesson text ${pct}% of the width`);
    if (!save) return;
    try {
      localStorage.setItem(SPLIT_KEY, String(pct));
    } catch {
      // Not remembered; the split still works for this page.
    }
  }

  private drag(start: PointerEvent): void {
    if (start.button !== 0) return;
    start.preventDefault();
    const separator = this.separator;
    separator.setPointerCapture(start.pointerId);
    this.toggleAttribute('data-dragging', true);
    let latest = this.value;
    const move = (event: PointerEvent) => {
      const box = this.getBoundingClientRect();
      latest = ((event.clientX - box.left) / box.width) * 100;
      this.apply(latest, false);
    };
    const end = () => {
      separator.removeEventListener('pointermove', move);
      separator.removeEventListener('pointerup', end);
      separator.removeEventListener('pointercancel', end);
      this.removeAttribute('data-dragging');
      this.apply(latest, true);
    };
    separator.addEventListener('pointermove', move);
    separator.addEventListener('pointerup', end);
    separator.addEventListener('pointercancel', end);
  }
}

customElements.define('aks-split', AksSplit);
