/**
 * A repeatable, comma-separated option (`--front-door rest,http --front-door url`): each name
 * once, in the order first given, matched in lower case; or the first value `match` does not
 * know, as it was typed, for the caller's one-line error.
 */
export function parseNameList<T>(values: readonly string[], match: (name: string) => T | undefined): T[] | string {
  const found: T[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    const item = match(value.trim().toLowerCase());
    if (item === undefined) return value;
    if (!found.includes(item)) found.push(item);
  }
  return found;
}
