// Theme state lives in one place: the data-theme attribute on <html>. Base.astro's inline
// script sets it before first paint (saved choice, else the OS preference); this module
// changes it, saves explicit choices, and follows the OS while no choice is saved.
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'aks-lab:theme';

const root = document.documentElement;

export function currentTheme(): Theme {
  return root.dataset.theme === 'dark' ? 'dark' : 'light';
}

function savedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export function setTheme(theme: Theme, remember = true): void {
  root.dataset.theme = theme;
  if (!remember) return;
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

/** Calls `listener` whenever data-theme changes, whoever changed it. */
export function onThemeChange(listener: (theme: Theme) => void): () => void {
  const observer = new MutationObserver(() => listener(currentTheme()));
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

// Follow the OS setting live until the learner picks a theme.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (event) => {
  if (!savedTheme()) setTheme(event.matches ? 'dark' : 'light', false);
});
