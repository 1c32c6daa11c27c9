// The workbook's one monospace face: JetBrains Mono (variable, weights 100–800), bundled from
// npm (@fontsource-variable/jetbrains-mono, the @font-face rules load with the site's CSS: see
// astro.config.mjs), so the terminal and the code blocks look the same on every machine and need
// no network. The system's fallback (DejaVu Sans Mono on Debian) clipped `_` at 1× pixel density
// in the terminal's tight rows: `pg_stat_activity` read `pg stat activity`.
export const MONO_FONT_FAMILY = "'JetBrains Mono Variable', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";

/** Row height as a multiple of the font size: room below the baseline for `_` at any density. */
export const TERMINAL_LINE_HEIGHT = 1.2;

/**
 * Resolves once the face is loaded (or failed to: then the fallback draws). xterm.js measures its
 * cell from the font when it opens and never again on its own, so it must open after this.
 */
export async function monoFontReady(sizePx: number): Promise<void> {
  if (typeof document === 'undefined' || !('fonts' in document)) return;
  try {
    await Promise.all([
      document.fonts.load(`${sizePx}px 'JetBrains Mono Variable'`),
      document.fonts.load(`bold ${sizePx}px 'JetBrains Mono Variable'`),
    ]);
  } catch {
    // A font that cannot load leaves the fallback, which still draws text.
  }
}
