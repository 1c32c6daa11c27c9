// Turn JSON.parse's error into a short reason with a line number, on one line.
// V8 gives "... in JSON at position 12 (line 3 column 3)" for most mistakes but only
// `Unexpected token 'x', "<the whole text>" is not valid JSON` for a stray character, so for
// those we find the place ourselves with a small scan of the JSON grammar.

export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const located = /^(.*?) in JSON at position \d+ \(line (\d+) column (\d+)\)/s.exec(message);
  if (located) return `${located[1]} at line ${located[2]}, column ${located[3]}`;
  const token = /^Unexpected token '(.)'/su.exec(message);
  const reason = token ? `Unexpected character ${JSON.stringify(token[1])}` : message.split('\n')[0];
  const offset = message.startsWith('Unexpected end') ? text.length : firstErrorOffset(text);
  return `${reason} at line ${lineColumn(text, offset)}`;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}, column ${before[before.length - 1].length + 1}`;
}

// Offset of the first character that breaks the JSON grammar (text.length if it ends too early).
function firstErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (/[ \t\r\n]/.test(text[i] ?? '')) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (c === word[0]) {
        for (const w of word) expect(w);
        return;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : text.length;
  } catch (offset) {
    return typeof offset === 'number' ? Math.min(offset, text.length) : 0;
  }
}
