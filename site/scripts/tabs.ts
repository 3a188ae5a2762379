// <aks-tabs>: selection and keyboard behaviour for Tabs.astro (WAI-ARIA tabs pattern:
// Left/Right/Home/End move between tabs and select them, one tab in the Tab order).
export class AksTabs extends HTMLElement {
  connectedCallback(): void {
    const list = this.querySelector<HTMLElement>('[role="tablist"]');
    if (!list || list.dataset.wired) return;
    list.dataset.wired = 'true';
    list.addEventListener('click', (event) => {
      const tab = (event.target as Element).closest<HTMLElement>('[role="tab"]');
      if (tab) this.select(tab);
    });
    list.addEventListener('keydown', (event) => this.onKey(event));
  }

  get tabs(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>(':scope > .tabs__bar [role="tab"]')];
  }

  select(tab: HTMLElement, focus = false): void {
    for (const t of this.tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    this.dispatchEvent(new CustomEvent('tabchange', { detail: { id: tab.id }, bubbles: true }));
  }

  private onKey(event: KeyboardEvent): void {
    const tabs = this.tabs;
    const current = tabs.indexOf(document.activeElement as HTMLElement);
    if (current < 0) return;
    const last = tabs.length - 1;
    const target = {
      ArrowRight: current === last ? 0 : current + 1,
      ArrowLeft: current === 0 ? last : current - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.select(tabs[target]!, true);
  }
}

customElements.define('aks-tabs', AksTabs);
