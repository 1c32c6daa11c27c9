// @ts-check
// The workbook site: Astro + Starlight, lessons in the top-level content/docs/ (see
// src/content.config.ts). The sidebar follows the lessons' number-prefixed file names, so the
// order is given by the files themselves and is never written twice. The Korean edition
// (content/docs/ko/, same file names) uses Starlight's i18n: English is the root locale, so every
// English URL stays as it was, and Korean pages live under /ko/. A sidebar slug resolves to the
// page of the reader's locale, with that page's own title as its label. A lesson added between two
// others takes a letter after its number (09b-front-doors), so no later lesson's URL changes.
import { readdirSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

const lessonSlugs = readdirSync(new URL('./content/docs/', import.meta.url))
  .filter((name) => /^\d\d[a-z]?-.+\.mdx?$/.test(name))
  .sort()
  .map((name) => name.replace(/\.mdx?$/, ''));

export default defineConfig({
  site: 'http://127.0.0.1:4321',
  // The site is served by the lab server and opened from disk-like static hosting: no telemetry,
  // no remote fonts, nothing that needs the network.
  integrations: [
    starlight({
      title: 'Boundary Lab',
      description: 'An interactive workbook: how a NestJS app really runs on AWS Lambda.',
      favicon: '/favicon.svg',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        ko: { label: '한국어', lang: 'ko' },
      },
      // The monospace face is bundled from npm (src/lib/mono-font.ts says why): no remote font.
      customCss: ['@fontsource-variable/jetbrains-mono', './src/styles/lab.css', './src/styles/ko.css'],
      // The sidebar ticks the lessons whose exercise passed, live from the lab (`npm start`).
      // The search button's keycaps are hidden from screen readers (SearchButton.astro says why).
      components: { Sidebar: './src/components/ProgressTicks.astro', Search: './src/components/SearchButton.astro' },
      sidebar: [
        {
          label: 'Start',
          translations: { ko: '시작' },
          items: [{ slug: 'index', label: 'Home', translations: { ko: '홈' } }],
        },
        { label: 'Lessons', translations: { ko: '레슨' }, items: lessonSlugs },
      ],
      pagination: true,
      // Expressive Code's options are in ec.config.mjs (one holds a function, which astro.config cannot pass to <Code>).
      lastUpdated: false,
      // Our own content/docs/404.md is the 404 page (rendered by the docs route).
      disable404Route: true,
    }),
  ],
  vite: {
    // express 5 hoists cookie@0.7 to the top of node_modules while astro needs its own nested
    // cookie@2: bundling it into the prerender chunk makes the build resolve astro's copy.
    environments: { prerender: { resolve: { noExternal: ['cookie'] } } },
    build: {
      // Font files stay files: Vite would inline the smallest subsets as data: URLs, which the lab
      // server's Content-Security-Policy (font-src 'self') refuses.
      assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
      // mermaid's own chunks are large but only ever loaded on pages that draw a diagram.
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        // Astro's own MDX head-propagation marker trips a bundler warning on every MDX page
        // (withastro/astro#18087, harmless). Silence exactly that one, nothing else.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && String(warning.message).includes('astro:head-inject'))
            return;
          warn(warning);
        },
      },
    },
  },
});
