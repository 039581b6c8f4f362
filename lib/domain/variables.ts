import { VARIABLE_NAME_RE, type Content, type Variable } from './content';

export type Token = {
  /** Inner text with surrounding whitespace trimmed; not necessarily a valid name. */
  name: string;
  /** Offset of the first character; for an escaped token this is the backslash. */
  start: number;
  /** Offset just past the closing braces. */
  end: number;
  valid: boolean;
  escaped: boolean;
};

// Inner text may not contain braces or line breaks, so a stray "{{" in prose or
// a code sample cannot swallow the paragraphs that follow it. Only a single
// backslash right before "{{" escapes; other backslashes are literal text,
// because prompts often contain regexes and paths.
const TOKEN_RE = /(\\)?\{\{([^{}\r\n]*)\}\}/g;

export function findTokens(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_RE)) {
    const name = match[2].trim();
    tokens.push({
      name,
      start: match.index,
      end: match.index + match[0].length,
      valid: VARIABLE_NAME_RE.test(name),
      escaped: match[1] !== undefined,
    });
  }
  return tokens;
}

/** Variable names used in `text`, unique, in order of first appearance. */
export function extractVariableNames(text: string): string[] {
  return unique(
    findTokens(text)
      .filter(isVariableToken)
      .map((token) => token.name),
  );
}

/**
 * Names used anywhere in the content. Disabled blocks count too: switching a
 * block off should not make its variables look unused and get deleted.
 */
export function usedVariableNames(content: Content): string[] {
  return unique(content.blocks.flatMap((block) => extractVariableNames(block.body)));
}

export type VariableDiagnostics = { undefinedVariables: string[]; unusedVariables: string[] };

export function variableDiagnostics(content: Content): VariableDiagnostics {
  const used = usedVariableNames(content);
  const usedSet = new Set(used);
  const defined = new Set(content.variables.map((variable) => variable.name));
  return {
    undefinedVariables: used.filter((name) => !defined.has(name)),
    unusedVariables: content.variables.map((v) => v.name).filter((name) => !usedSet.has(name)),
  };
}

/**
 * Defines every used-but-undefined variable as a required string. Existing and
 * unused definitions are kept: removing them is the author's call, since they
 * may hold a carefully written default or description.
 */
export function syncVariables(content: Content): Variable[] {
  const { undefinedVariables } = variableDiagnostics(content);
  return [...content.variables, ...undefinedVariables.map((name): Variable => ({ name, type: 'string', required: true }))];
}

function isVariableToken(token: Token): boolean {
  return token.valid && !token.escaped;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
