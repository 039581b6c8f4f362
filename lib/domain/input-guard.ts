// Bounds on untrusted structured input, checked before any recursive code (zod, React's
// reply decoder, the template's JSON checks) sees it. The walk is iterative, so no input
// can overflow the stack here, and it stops at the first problem it finds.

/** Deeper than any prompt content, test case or variable needs; far below the stack's limit. */
export const MAX_INPUT_DEPTH = 64;
/** Strings, numbers, arrays and objects together: a 256 KB draft has a few thousand. */
export const MAX_INPUT_NODES = 200_000;

export type InputProblem =
  | { kind: 'too_deep'; path: string; message: string }
  | { kind: 'too_many_values'; path: string; message: string }
  | { kind: 'nul_character'; path: string; message: string };

/** The message a field error shows for a string holding U+0000 (PostgreSQL cannot store it). */
export const NUL_MESSAGE = 'Contains a NUL character (U+0000), which cannot be stored; remove it';

function pathOf(parts: readonly (string | number)[]): string {
  return parts.join('.') || '_';
}

/**
 * The first reason `value` is unsafe to hand to recursive code or to store: nesting deeper
 * than `maxDepth`, more than MAX_INPUT_NODES values, or a string (key or value) holding a
 * NUL character. `skipFirst` drops leading path segments from the reported path (an action's
 * argument list wraps its input in an array).
 */
export function inspectInput(value: unknown, maxDepth = MAX_INPUT_DEPTH, skipFirst = 0): InputProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    const shown = () => pathOf(path.slice(skipFirst));
    if (++nodes > MAX_INPUT_NODES) {
      return { kind: 'too_many_values', path: shown(), message: `The input holds more than ${MAX_INPUT_NODES} values` };
    }
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { kind: 'nul_character', path: shown(), message: NUL_MESSAGE };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (path.length - skipFirst >= maxDepth) {
      return { kind: 'too_deep', path: shown(), message: `The input nests deeper than ${maxDepth} levels` };
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: [...path, i] });
      continue;
    }
    for (const key of Object.keys(current)) {
      if (key.includes('\u0000')) return { kind: 'nul_character', path: pathOf([...path, key].slice(skipFirst)), message: NUL_MESSAGE };
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}
