/**
 * A list as help text: the items joined with `, ` into lines of at most `width` characters, the first line
 * after `label` (padded to `indent`), the others indented as far.
 *
 * @example
 * listLines('  Colours', ['red', 'green'], { indent: 15 });
 * // '  Colours      red, green'
 */
export function listLines(
  label: string,
  items: readonly string[],
  { indent, width = 100 }: { readonly indent: number; readonly width?: number },
): string {
  const words = items.map((item, i) => (i < items.length - 1 ? `${item},` : item));
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? label.padEnd(indent) : ' '.repeat(indent)) + l).join('\n');
}
