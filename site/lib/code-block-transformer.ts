// Shiki transformer used by astro.config.mjs for every fenced code block in lessons.
// It wraps the highlighted <pre> in a figure-like box with a header bar (language +
// Copy, and Run for ```sh run``` fences). Buttons are rendered here, hidden, so the page
// does not shift when site/scripts/code-blocks.ts reveals and wires them up.
import type { ShikiTransformer } from 'shiki';
import type { Element, ElementContent } from 'hast';
import { isRunnableMeta, runButtonLabel } from './fence-meta.ts';

const h = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });

export function codeBlockTransformer(): ShikiTransformer {
  return {
    name: 'aks-lab:code-blocks',
    pre(node) {
      if (isRunnableMeta(this.options.meta?.__raw)) node.properties['data-runnable'] = '';
    },
    root(root) {
      const pre = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre');
      if (!pre) return;
      const runnable = 'data-runnable' in pre.properties;
      const lang = this.options.lang && this.options.lang !== 'plaintext' ? this.options.lang : 'text';
      // ```output blocks show what a runnable block prints (the transcript tests check them).
      const isOutput = lang === 'output';
      const buttons: ElementContent[] = [
        h('button', { type: 'button', className: ['code-block__btn'], dataAction: 'copy', hidden: true, ariaLabel: 'Copy code' }, [
          text('Copy'),
        ]),
      ];
      if (runnable) {
        buttons.push(
          h(
            'button',
            { type: 'button', className: ['code-block__btn', 'code-block__btn--run'], dataAction: 'run', hidden: true, ariaLabel: runButtonLabel(this.source) },
            [text('Run')],
          ),
        );
      }
      const header = h('div', { className: ['code-block__bar'] }, [
        h('span', { className: ['code-block__lang'] }, [text(isOutput ? 'Output' : runnable ? `${lang} · runnable` : lang)]),
        h('span', { className: ['code-block__tools'] }, buttons),
      ]);
      const className = isOutput ? ['code-block', 'code-block--output'] : ['code-block'];
      const wrapper = h('div', { className, dataCodeBlock: '' }, [header, pre]);
      root.children = root.children.map((c) => (c === pre ? wrapper : c));
    },
  };
}
