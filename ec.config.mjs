// @ts-check
// Expressive Code (the lessons' code blocks), for both the Markdown blocks and the <Code> component.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  // Lesson code is read in a narrow column: wrap long lines (comments) instead of scrolling.
  defaultProps: { wrap: true },
  // Starlight finds a block's language from its path under src/content/docs/; the lessons live in
  // content/docs/, so say it here: a Korean page's copy button and frame titles are then Korean
  // (src/content/i18n/ko.json).
  getBlockLocale: ({ file }) => {
    const path = file.url && file.url.protocol !== 'file:' ? file.url.pathname : file.path;
    return /(^|\/)ko\//.test(path.replace(/^.*\/content\/docs\//, '').replace(/^\//, '')) ? 'ko' : 'en';
  },
});
