// The recipe grammar as a Chevrotain CstParser. The grammar stays pure (no actions): the CST is
// turned into the AST by `cst-to-ast.ts`, and errors into human messages by
// `syntax-messages.ts`. Statements are separated by `Newline` tokens that survive
// `foldNewlines` (see lexer.ts), so a statement list is `statement? (Newline statement?)*`.
import { CstParser, type CstNode, type IRecognitionException, type IToken } from 'chevrotain';
import {
  ALL_TOKENS,
  AdditiveOperator,
  Amp,
  As,
  Bang,
  Colon,
  Comma,
  Dot,
  Equals,
  Eval,
  Every,
  False,
  Identifier,
  Keyword,
  LBracket,
  LCurly,
  LParen,
  Minus,
  Newline,
  NumberLiteral,
  Pipe,
  Quantity,
  RBracket,
  RCurly,
  Recipe,
  RParen,
  Sous,
  Stage,
  Star,
  StringLiteral,
  TooDeepValue,
  True,
  Use,
} from './lexer.js';
import { syntaxMessages } from './syntax-messages.js';

export class RecipeParser extends CstParser {
  constructor() {
    super(ALL_TOKENS, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: syntaxMessages,
    });
    this.performSelfAnalysis();
  }

  /** How many more syntax errors this parse may record before it stops reading. */
  private errorsLeft = Infinity;
  /** The token at which the parse in progress stopped reading (its error budget ran out). */
  stoppedAt: IToken | undefined;

  /** Parses `tokens` as a recipe file, recording at most `maxErrors` syntax errors: at the next
   * one the parser stops reading (`stoppedAt` says where) and returns the tree read so far. */
  parseFile(tokens: IToken[], maxErrors: number): CstNode {
    this.input = tokens;
    this.errorsLeft = maxErrors;
    this.stoppedAt = undefined;
    return this.recipeFile();
  }

  // Chevrotain (11.x) passes every syntax error through SAVE_ERROR, an internal method. Past the
  // budget, jump to the end of the input: the parser then unwinds at once instead of recovering
  // (each recovery may scan the rest of the input, so thousands of errors took quadratic time).
  // Errors raised while unwinding are not recorded.
  protected SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    if (this.stoppedAt) return error;
    if (this.errorsLeft === 0) {
      this.stoppedAt = error.token;
      (this as unknown as ChevrotainInternals).moveToTerminatedState();
      return error;
    }
    this.errorsLeft--;
    return (CstParser.prototype as unknown as ChevrotainInternals).SAVE_ERROR.call(this, error);
  }

  // ---- statements ------------------------------------------------------------------------

  recipeFile = this.RULE('recipeFile', () => {
    this.OPTION(() => this.SUBRULE(this.topStatement));
    this.MANY(() => {
      this.CONSUME(Newline);
      this.OPTION2(() => this.SUBRULE2(this.topStatement));
    });
  });

  topStatement = this.RULE('topStatement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.versionHeader) },
      { ALT: () => this.SUBRULE(this.recipeName) },
      { ALT: () => this.SUBRULE(this.useStatement) },
      { ALT: () => this.SUBRULE(this.stageBlock) },
      { ALT: () => this.SUBRULE(this.bindingOrSetting) },
    ]);
  });

  versionHeader = this.RULE('versionHeader', () => {
    this.CONSUME(Sous);
    this.CONSUME(NumberLiteral);
  });

  recipeName = this.RULE('recipeName', () => {
    this.CONSUME(Recipe);
    this.CONSUME(StringLiteral);
  });

  useStatement = this.RULE('useStatement', () => {
    this.CONSUME(Use);
    this.CONSUME(StringLiteral);
    this.OPTION(() => {
      this.CONSUME(As);
      this.CONSUME(Identifier);
    });
  });

  /** `name = value` (binding) or `name value` (setting): one rule, told apart by the `=`. */
  bindingOrSetting = this.RULE('bindingOrSetting', () => {
    this.CONSUME(Identifier);
    this.OPTION(() => this.CONSUME(Equals));
    this.SUBRULE(this.expression);
  });

  stageBlock = this.RULE('stageBlock', () => {
    this.CONSUME(Stage);
    this.CONSUME(Identifier);
    this.CONSUME(LCurly);
    this.OPTION(() => this.SUBRULE(this.stageStatement));
    this.MANY(() => {
      this.CONSUME(Newline);
      this.OPTION2(() => this.SUBRULE2(this.stageStatement));
    });
    this.CONSUME(RCurly);
  });

  stageStatement = this.RULE('stageStatement', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.evalBlock) }, { ALT: () => this.SUBRULE(this.bindingOrSetting) }]);
  });

  evalBlock = this.RULE('evalBlock', () => {
    this.CONSUME(Eval);
    this.CONSUME(Every);
    this.SUBRULE(this.expression);
    this.CONSUME(LCurly);
    this.OPTION(() => this.SUBRULE(this.evalStatement));
    this.MANY(() => {
      this.CONSUME(Newline);
      this.OPTION2(() => this.SUBRULE2(this.evalStatement));
    });
    this.CONSUME(RCurly);
  });

  evalStatement = this.RULE('evalStatement', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.binding) }, { ALT: () => this.SUBRULE(this.expression) }]);
  });

  binding = this.RULE('binding', () => {
    this.CONSUME(Identifier);
    this.CONSUME(Equals);
    this.SUBRULE(this.expression);
  });

  // ---- expressions, lowest precedence first ----------------------------------------------

  expression = this.RULE('expression', () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(Pipe);
      this.SUBRULE2(this.andExpression);
    });
  });

  andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.additiveExpression);
    this.MANY(() => {
      this.CONSUME(Amp);
      this.SUBRULE2(this.additiveExpression);
    });
  });

  additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression);
    this.MANY(() => {
      this.CONSUME(AdditiveOperator);
      this.SUBRULE2(this.multiplicativeExpression);
    });
  });

  multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.unaryExpression);
    this.MANY(() => {
      this.CONSUME(Star);
      this.SUBRULE2(this.unaryExpression);
    });
  });

  unaryExpression = this.RULE('unaryExpression', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(Bang) }, { ALT: () => this.CONSUME(Minus) }]);
          this.SUBRULE(this.unaryExpression);
        },
      },
      { ALT: () => this.SUBRULE(this.postfixExpression) },
    ]);
  });

  postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.suffix));
  });

  /** `.member` or `(arguments)`. */
  suffix = this.RULE('suffix', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Dot);
          this.SUBRULE(this.name);
        },
      },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.OPTION(() => this.SUBRULE(this.argumentList));
          this.CONSUME(RParen);
        },
      },
    ]);
  });

  argumentList = this.RULE('argumentList', () => {
    this.SUBRULE(this.argument);
    this.MANY(() => {
      this.CONSUME(Comma);
      this.SUBRULE2(this.argument);
    });
    this.OPTION(() => this.CONSUME2(Comma));
  });

  argument = this.RULE('argument', () => {
    this.OPTION(() => {
      this.SUBRULE(this.name);
      this.CONSUME(Colon);
    });
    this.SUBRULE(this.expression);
  });

  /** A member or argument name: any name, keywords included (`task.eval`, `pbt(population: 8)`). */
  name = this.RULE('name', () => {
    this.OR([{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(Keyword) }]);
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.CONSUME(Quantity) },
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Identifier) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.CONSUME(TooDeepValue) },
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(RParen);
        },
      },
    ]);
  });

  list = this.RULE('list', () => {
    this.CONSUME(LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.CONSUME(Comma);
        this.SUBRULE2(this.expression);
      });
      this.OPTION2(() => this.CONSUME2(Comma));
    });
    this.CONSUME(RBracket);
  });
}

/** The Chevrotain methods `SAVE_ERROR` uses that its type declarations leave out. */
interface ChevrotainInternals {
  SAVE_ERROR(error: IRecognitionException): IRecognitionException;
  moveToTerminatedState(): void;
}

/** The one parser instance: construction is the expensive part (grammar recording, analysis).
 * Each parse sets `recipeParser.input`, which resets its state. */
export const recipeParser = new RecipeParser();

export type { CstNode };
