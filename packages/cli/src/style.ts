/** The few ANSI styles the CLI uses. */
export type StyleName = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'gray';

const CODES: Readonly<Record<StyleName, readonly [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  gray: [90, 39],
};

/** Applies styles to text; the plain variant returns text unchanged. */
export type Paint = (style: StyleName, text: string) => string;

/**
 * A painter: ANSI escapes when `color` is true, identity otherwise.
 *
 * @example
 * const paint = painter(true);
 * paint('green', 'Succeeded'); // '\u001b[32mSucceeded\u001b[39m'
 */
export function painter(color: boolean): Paint {
  if (!color) return (_style, text) => text;
  return (style, text) => {
    const [open, close] = CODES[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
}
