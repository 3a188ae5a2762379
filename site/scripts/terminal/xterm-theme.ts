// xterm.js colours come from the same CSS custom properties as the page (tokens.css),
// so the terminal follows the light/dark theme without a second palette in code.
import type { ITheme } from '@xterm/xterm';

const NAMES = [
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
] as const;

const capitalise = (s: string) => s[0]!.toUpperCase() + s.slice(1);

export function readXtermTheme(element: Element = document.documentElement): ITheme {
  const style = getComputedStyle(element);
  const v = (name: string) => style.getPropertyValue(`--term-${name}`).trim() || undefined;
  const theme: ITheme = {
    background: v('bg'),
    foreground: v('fg'),
    cursor: v('cursor'),
    cursorAccent: v('bg'),
    selectionBackground: v('selection'),
  };
  const colours = theme as Record<string, string | undefined>;
  for (const name of NAMES) {
    colours[name] = v(name);
    colours[`bright${capitalise(name)}`] = v(`bright-${name}`);
  }
  return theme;
}
