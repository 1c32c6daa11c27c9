// The one gate between input-derived text (an event, a file name, what a function answered or
// logged) and a terminal. Control characters are shown escaped, ESC as `\x1b`, so such text can
// never set the window title, clear the screen, plant a hyperlink or write the clipboard (OSC 52).
// The lab's own colours are added after this, by paint().

// C0, DEL and C1 (0x9b is a one-byte CSI), the line and paragraph separators, and the bidi
// overrides and isolates, which reorder what the learner reads.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return NAMED[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
}

/** `multiline`: keep line feeds and tabs (a response body, a block of text); `\r` is escaped either way. */
export function forTerminal(text: string, { multiline = false }: { multiline?: boolean } = {}): string {
  return text.replace(multiline ? UNSAFE_KEEPING_LINES : UNSAFE, escape);
}
