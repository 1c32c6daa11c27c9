// wrap-ansi 10 ships without type declarations (9 had them); this is its API as its readme gives it
// (https://github.com/chalk/wrap-ansi#api), the part the layout uses.
declare module 'wrap-ansi' {
  export interface Options {
    /** Break words longer than the width (default false: they overflow). */
    hard?: boolean;
    /** Break at word boundaries (default true). */
    wordWrap?: boolean;
    /** Trim the whitespace at the start and end of each line (default true). */
    trim?: boolean;
  }
  export default function wrapAnsi(string: string, columns: number, options?: Options): string;
}
