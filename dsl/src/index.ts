export * from './registry.js';
export * from './plan.js';
export type * from './ast.js';
export * from './diagnostic.js';
export { parse, lex, type ParseResult, type LexedToken, type TokenCategory } from './syntax.js';
export { KEYWORDS, RESERVED_KEYWORDS, UNITS } from './lexer.js';
export { format, FormatError } from './format.js';
export { printExpression, quoteString } from './print.js';
