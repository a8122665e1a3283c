// Semantic tokens: the lexer's tokens, with each name classified by what it resolves to (a
// namespace, a node, a parameter, a binding ...), which a TextMate grammar cannot know.
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { Identifier } from '../ast.js';
import { lex, type TokenCategory } from '../syntax.js';
import type { Analysis } from './analysis.js';
import { identifierPaths } from './ast-path.js';
import { resolveIdentifier, type RecipeSymbol } from './resolve.js';
import { scopeAt } from './scope.js';

const TOKEN_TYPES = [
  'namespace',
  'function',
  'parameter',
  'variable',
  'property',
  'type',
  'keyword',
  'number',
  'string',
  'comment',
  'operator',
] as const;
const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;
type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

interface Classification {
  type: TokenType;
  modifiers: TokenModifier[];
}

const BY_CATEGORY: Partial<Record<TokenCategory, TokenType>> = {
  keyword: 'keyword',
  reserved: 'keyword',
  number: 'number',
  quantity: 'number',
  string: 'string',
  comment: 'comment',
  operator: 'operator',
};

function classify(symbol: RecipeSymbol | undefined): Classification {
  switch (symbol?.kind) {
    case 'binding':
      return { type: 'variable', modifiers: symbol.declaration ? ['declaration'] : [] };
    case 'namespace':
      return { type: 'namespace', modifiers: symbol.declaration ? ['declaration'] : [] };
    case 'node':
      return { type: 'function', modifiers: [] };
    case 'builtin':
      return { type: 'function', modifiers: ['defaultLibrary'] };
    case 'param':
    case 'port':
      return { type: 'parameter', modifiers: [] };
    case 'member':
      return { type: 'property', modifiers: [] };
    case 'setting':
      return { type: 'property', modifiers: ['defaultLibrary'] };
    case 'stage':
      return { type: 'type', modifiers: ['declaration'] };
    case undefined:
      return { type: 'variable', modifiers: [] };
  }
}

export function semanticTokens(analysis: Analysis): SemanticTokens {
  const { ast, model, document } = analysis;
  const names = new Map<number, Classification>();
  for (const path of identifierPaths(ast)) {
    const id = path.at(-1) as Identifier;
    names.set(id.range.start.offset, classify(resolveIdentifier(model, path, scopeAt(model, id.range.start.offset))));
  }
  const builder = new SemanticTokensBuilder();
  for (const token of lex(document.getText())) {
    const classification =
      token.category === 'name'
        ? (names.get(token.range.start.offset) ?? classify(undefined))
        : BY_CATEGORY[token.category] && { type: BY_CATEGORY[token.category]!, modifiers: [] };
    if (!classification) continue;
    const start = document.positionAt(token.range.start.offset);
    const modifiers = classification.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);
    builder.push(
      start.line,
      start.character,
      token.range.end.offset - token.range.start.offset,
      TOKEN_TYPES.indexOf(classification.type),
      modifiers,
    );
  }
  return builder.build();
}
