// Astro config for the course site: pages live in site/, lessons in content/lessons.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { codeBlockTransformer } from './site/lib/code-block-transformer.ts';

export default defineConfig({
  srcDir: './site',
  // Static files (favicon) live with the site, not at the project root.
  publicDir: './site/public',
  output: 'static',
  trailingSlash: 'ignore',
  integrations: [mdx()],
  markdown: {
    syntaxHighlight: 'shiki',
    shikiConfig: {
      // Both palettes are emitted as CSS variables; site/styles/code.css picks one per theme.
      themes: { light: 'github-light', dark: 'github-dark' },
      defaultColor: false,
      // Expected-output blocks after ```sh run``` fences are plain text.
      langAlias: { output: 'text' },
      wrap: false,
      // Marks ```sh run``` fences as runnable and adds the Copy/Run toolbar markup.
      transformers: [codeBlockTransformer()],
    },
  },
  vite: {
    // The sandbox worker is an ES module worker (client.ts starts it with type: 'module').
    worker: { format: 'es' },
  },
});
