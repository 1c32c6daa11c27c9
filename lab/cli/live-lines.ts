// A command's output while it runs: the steps of a scenario or of `check`, printed as they
// happen, and one progress line redrawn in place below them.
import { paint, type LabIO } from './io.ts';
import { outputWidth, truncate, wrap } from './layout.ts';

/**
 * A command's live lines: each step printed as it happens, and in a terminal one progress line
 * below them, redrawn in place (`\r`) and cut to the width so it stays one line. A pipe gets
 * the steps and no progress line.
 */
export class LiveLines {
  private readonly io: LabIO;
  private progressShown = false;
  private lastProgress = '';

  constructor(io: LabIO) {
    this.io = io;
  }

  /** A step: a dim line that stays, folded at the width. */
  step(text: string): void {
    this.line(
      wrap(text, outputWidth(this.io), { indent: 2, hanging: 4 })
        .map((l) => paint(this.io, 'dim', l))
        .join('\n'),
    );
  }

  /** A line that stays (above the progress line). */
  line(text: string): void {
    this.clear();
    this.io.out(`${text}\n`);
    if (this.lastProgress) this.progress(this.lastProgress);
  }

  /** The progress line, replaced by the next one; a pipe gets none (it cannot redraw). */
  progress(text: string): void {
    this.lastProgress = text;
    if (this.io.interactive === false) return;
    this.io.out(`\r\u001b[K${truncate(text, outputWidth(this.io) - 1)}`);
    this.progressShown = true;
  }

  /** Removes the progress line for good (the command's last lines come next). */
  done(): void {
    this.clear();
    this.lastProgress = '';
  }

  private clear(): void {
    if (!this.progressShown) return;
    this.io.out('\r\u001b[K');
    this.progressShown = false;
  }
}

/** `[#####...] 3/8`, at most `width` cells of bar. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
