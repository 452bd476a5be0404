import { createInterface } from 'node:readline/promises';
import { type Input, type Output, onAbort } from '../io.js';
import type { Template } from './templates.js';

/**
 * Asks which template to use: a numbered list, answered by number or name. Asks again on a bad answer;
 * resolves `undefined` when the input ends or `signal` aborts.
 *
 * @example
 * const t = await chooseTemplate(templates, process.stdin, process.stdout);
 */
export async function chooseTemplate(
  templates: readonly Template[],
  input: Input,
  output: Output,
  signal?: AbortSignal,
): Promise<Template | undefined> {
  const width = Math.max(...templates.map((t) => t.name.length));
  output.write('Which kind of hook?\n');
  templates.forEach((t, i) => {
    output.write(`  ${String(i + 1).padStart(2)}) ${t.name.padEnd(width)}  ${t.description}\n`);
  });
  const rl = createInterface({ input, terminal: false });
  // Ctrl+C: stop asking (the input's end resolves `undefined`).
  const unwatch = onAbort(signal, () => rl.close());
  const ask = () => output.write(`Template [1-${templates.length}]: `);
  try {
    ask();
    for await (const line of rl) {
      const trimmed = line.trim();
      const byNumber = /^\d+$/.test(trimmed) ? templates[Number(trimmed) - 1] : undefined;
      const chosen = byNumber ?? templates.find((t) => t.name === trimmed);
      if (chosen) return chosen;
      output.write(
        `'${trimmed}' is not one of the templates; answer with a number from 1 to ${templates.length}.\n`,
      );
      ask();
    }
    return undefined;
  } finally {
    unwatch();
    rl.close();
  }
}
