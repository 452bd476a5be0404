/**
 * A small subset of CloudWatch metric math: numbers, query ids, `+ - * /`, unary minus and parentheses,
 * evaluated timestamp by timestamp. Points where the result is not finite (e.g. division by zero) are
 * dropped, as CloudWatch drops them.
 */
import { ApiError } from '../errors.js';

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; id: string }
  | { kind: 'neg'; arg: Node }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Node; right: Node };

function invalid(expression: string, why: string): ApiError {
  return new ApiError(
    'InvalidParameterValueException',
    `Unsupported or invalid metric math expression "${expression}": ${why}`,
  );
}

function tokenize(expression: string): string[] {
  const tokens =
    expression.match(/\s*(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S)/g) ?? [];
  return tokens.map((t) => t.trim());
}

/** Parses `expression`; throws `InvalidParameterValueException` for anything outside the subset. */
export function parseExpression(expression: string): Node {
  const tokens = tokenize(expression);
  let i = 0;
  const peek = () => tokens[i];
  const primary = (): Node => {
    const t = tokens[i++];
    if (t === undefined) throw invalid(expression, 'it ends too early');
    if (t === '(') {
      const inner = sum();
      if (tokens[i++] !== ')') throw invalid(expression, 'a parenthesis is not closed');
      return inner;
    }
    if (t === '-') return { kind: 'neg', arg: primary() };
    if (/^\d/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(') throw invalid(expression, `function ${t}() is not supported here`);
      return { kind: 'ref', id: t };
    }
    throw invalid(expression, `unexpected "${t}"`);
  };
  const product = (): Node => {
    let left = primary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++] as '*' | '/';
      left = { kind: 'bin', op, left, right: primary() };
    }
    return left;
  };
  const sum = (): Node => {
    let left = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++] as '+' | '-';
      left = { kind: 'bin', op, left, right: product() };
    }
    return left;
  };
  const node = sum();
  if (i !== tokens.length) throw invalid(expression, `unexpected "${tokens[i]}"`);
  return node;
}

/** The query ids an expression refers to. */
export function references(node: Node): string[] {
  if (node.kind === 'ref') return [node.id];
  if (node.kind === 'neg') return references(node.arg);
  if (node.kind === 'bin') return [...references(node.left), ...references(node.right)];
  return [];
}

function at(node: Node, series: ReadonlyMap<string, ReadonlyMap<number, number>>, t: number): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'ref':
      return series.get(node.id)?.get(t) ?? Number.NaN;
    case 'neg':
      return -at(node.arg, series, t);
    case 'bin': {
      const a = at(node.left, series, t);
      const b = at(node.right, series, t);
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return a / b;
    }
  }
}

/**
 * Evaluates `expression` over `series` (query id → timestamp → value) at every timestamp any referenced
 * series has.
 *
 * @example
 * evaluate('100 * e / i', new Map([['e', new Map([[0, 2]])], ['i', new Map([[0, 40]])]])); // Map { 0 => 5 }
 */
export function evaluate(
  expression: string,
  series: ReadonlyMap<string, ReadonlyMap<number, number>>,
): Map<number, number> {
  const node = parseExpression(expression);
  const ids = references(node);
  if (ids.length === 0) throw invalid(expression, 'it refers to no metric');
  for (const id of ids) {
    if (!series.has(id)) {
      throw new ApiError(
        'InvalidParameterValueException',
        `Expression "${expression}" refers to unknown id "${id}"`,
      );
    }
  }
  const times = new Set<number>();
  for (const id of ids) for (const t of series.get(id)!.keys()) times.add(t);
  const out = new Map<number, number>();
  for (const t of times) {
    const value = at(node, series, t);
    if (Number.isFinite(value)) out.set(t, value);
  }
  return out;
}
