import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VERSION } from 'chevrotain';
import { recipeLexer } from '../src/lexer.js';
import { RecipeParser, recipeParser } from '../src/parser.js';
import { parse } from '../src/index.js';

test('chevrotain loads on this Node', () => {
  assert.match(VERSION, /^11\./);
});

test('the parser constructs on this Node, with grammar validations on', () => {
  // performSelfAnalysis runs Chevrotain's grammar checks (the Object.groupBy trap of v12 lives there).
  const parser = new RecipeParser();
  assert.ok(parser.getGAstProductions().recipeFile);
});

test('parse reuses the one lexer and the one parser', () => {
  const tokenize = recipeLexer.tokenize;
  let lexes = 0;
  recipeLexer.tokenize = function (this: typeof recipeLexer, ...args: Parameters<typeof tokenize>) {
    lexes++;
    return tokenize.apply(this, args);
  };
  try {
    parse('seed 1\n');
    const firstInput = recipeParser.input;
    parse('seed 2\nsteps 3\n');
    assert.is(lexes, 2);
    assert.is.not(recipeParser.input, firstInput, 'the singleton parser read the second input');
    assert.is(recipeParser.input.filter((t) => t.image === 'steps').length, 1);
  } finally {
    recipeLexer.tokenize = tokenize;
  }
});

test.run();
