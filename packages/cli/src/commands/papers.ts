// `sous papers [--examples DIR] [--json | --markdown]`: every paper a first-party node cites, the
// nodes implementing it, the example recipes that call those nodes (found by compiling each
// recipe, not by searching its text) and what those recipes' claims in claims.json measured.
// `npm run papers` writes the markdown form to docs/papers.md.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { SousError } from '@sous/core';
import { FIRST_PARTY_PLUGINS } from '@sous/runtime';
import type { Reference, Registry } from '@sous/dsl';
import {
  DataError,
  describeExpected,
  describeMeasured,
  describeQuantity,
  judgeExample,
  readClaims,
  type Example,
} from '../claims/index.js';
import { EXIT } from '../exit-codes.js';
import { checkRecipeFile, guarded, type RegistryLoader } from '../recipe-input.js';

interface PapersFlags {
  examples?: string;
  json?: boolean;
  markdown?: boolean;
  debug?: boolean;
}

export interface ClaimReport {
  text: string;
  /** What is compared, e.g. `psr@last pass@8 − sft@last pass@8`. */
  quantity: string;
  expected: string;
  /** One value per measured seed, or null when not measured. */
  measured: number[] | null;
  /** "holds", "not reproduced" (as recorded), "FAIL", "CHANGED" or "not measured". */
  verdict: string;
}

export interface RecipeReport {
  name: string;
  file: string;
  /** The nodes of this paper the recipe calls. */
  nodes: string[];
  seeds: number[];
  claims: ClaimReport[];
}

export interface PaperReport {
  reference: Reference;
  nodes: string[];
  recipes: RecipeReport[];
}

export function register(program: Command, loadRegistry: RegistryLoader): void {
  program
    .command('papers')
    .description(
      'list the papers the first-party nodes implement, with their nodes, example recipes and measured claims',
    )
    .option(
      '--examples <dir>',
      'folder of example recipes and their claims.json (default: ./examples, if there is one)',
    )
    .option('--json', 'print JSON')
    .option('--markdown', 'print the markdown of docs/papers.md')
    .option('--debug', 'print stack traces of failures')
    .action(async (flags: PapersFlags) => {
      process.exitCode = await guarded('papers', flags.debug, async () => {
        if (flags.json && flags.markdown)
          throw new SousError('--json and --markdown cannot be combined', { hint: 'Pick one output format.' });
        // A folder the user names must exist; the default is read only where there is one.
        if (flags.examples !== undefined && !fs.statSync(flags.examples, { throwIfNoEntry: false })?.isDirectory()) {
          throw new SousError(`--examples ${flags.examples}: no such folder`, {
            hint: 'Give the folder that holds the example recipes and their claims.json.',
          });
        }
        const registry = await loadRegistry(FIRST_PARTY_PLUGINS, process.cwd());
        const papers = await papersReport(registry, flags.examples ?? 'examples', loadRegistry);
        const output = flags.json
          ? JSON.stringify(papers, null, 2)
          : flags.markdown
            ? papersMarkdown(papers).join('\n')
            : papersText(papers).join('\n');
        process.stdout.write(`${output}\n`);
        return EXIT.ok;
      });
    });
}

/** Every referenced paper (grouped by url, in order of first citation), its nodes, and the
 * recipes under `examplesDir` that call them with their claims. */
export async function papersReport(
  registry: Registry,
  examplesDir: string,
  loadRegistry: RegistryLoader,
): Promise<PaperReport[]> {
  const papers = new Map<string, PaperReport>();
  for (const plugin of registry.plugins()) {
    for (const node of plugin.nodes) {
      for (const reference of node.references ?? []) {
        const paper = papers.get(reference.url) ?? { reference, nodes: [], recipes: [] };
        paper.nodes.push(`${node.namespace}.${node.name}`);
        papers.set(reference.url, paper);
      }
    }
  }
  const recipes = await recipeNodes(examplesDir, loadRegistry);
  const claims = readExampleClaims(examplesDir);
  for (const paper of papers.values()) {
    for (const [file, used] of recipes) {
      const nodes = paper.nodes.filter((node) => used.has(node));
      if (nodes.length === 0) continue;
      const name = path.basename(file, '.recipe');
      const example = claims.get(name);
      paper.recipes.push({
        name,
        file,
        nodes,
        seeds: example?.seeds ?? [],
        claims: example ? claimReports(example) : [],
      });
    }
  }
  return [...papers.values()];
}

/** The qualified node names each recipe in `dir` calls, read from its compiled plan. */
async function recipeNodes(dir: string, loadRegistry: RegistryLoader): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  if (!fs.existsSync(dir)) return result;
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.recipe'))
    .sort();
  for (const name of files) {
    const file = path.join(dir, name);
    const { plan, diagnostics } = await checkRecipeFile(file, loadRegistry);
    if (!plan) {
      const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
      throw new SousError(`${file}: the recipe does not compile${first ? ` (${first.message})` : ''}`, {
        hint: `Run \`sous check ${file}\`.`,
      });
    }
    result.set(file, new Set(plan.nodes.map((node) => node.op)));
  }
  return result;
}

function readExampleClaims(dir: string): Map<string, Example> {
  const file = path.join(dir, 'claims.json');
  if (!fs.existsSync(file)) return new Map();
  try {
    return new Map(readClaims(file).examples.map((example) => [example.name, example]));
  } catch (error) {
    if (error instanceof DataError) throw new SousError(error.message, { cause: error });
    throw error;
  }
}

function claimReports(example: Example): ClaimReport[] {
  const measured = example.measured;
  return judgeExample(example, measured?.evals, measured?.seeds.length ?? 0).map(({ claim, values, status }) => ({
    text: claim.text,
    quantity: describeQuantity(claim),
    expected: describeExpected(claim, example.seeds.length),
    measured: values ?? null,
    verdict: status === 'pass' ? 'holds' : status,
  }));
}

function citation(reference: Reference): string {
  return `${reference.authors} (${reference.year})`;
}

function measuredText(claim: ClaimReport): string {
  return claim.measured ? describeMeasured(claim.measured) : 'not measured';
}

/** The terminal listing. */
export function papersText(papers: PaperReport[]): string[] {
  return papers.flatMap((paper) => [
    paper.reference.title,
    `  ${citation(paper.reference)}  ${paper.reference.url}`,
    `  nodes: ${paper.nodes.join(', ')}`,
    ...(paper.recipes.length === 0 ? ['  recipes: none'] : ['  recipes:']),
    ...paper.recipes.flatMap((recipe) => [
      `    ${recipe.file} (${recipe.nodes.join(', ')})`,
      ...recipe.claims.map(
        (claim) =>
          `      ${claim.verdict}: ${claim.text} (${claim.quantity}); expected ${claim.expected}, measured ${measuredText(claim)}`,
      ),
    ]),
    '',
  ]);
}

/** A table cell: pipes escaped, so a claim's text cannot split its row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** docs/papers.md. */
export function papersMarkdown(papers: PaperReport[]): string[] {
  return [
    '# Papers',
    '',
    "<!-- Generated by `npm run papers` (`sous papers --markdown`) from the nodes' references and",
    'examples/claims.json; a test fails when this file is stale. Do not edit by hand. -->',
    '',
    'Every published method a first-party node implements, the nodes implementing it, the example',
    "recipes that call those nodes, and what each recipe's claims measured (mean ± sd over the",
    'seeds, then each seed). A recipe is listed under every paper whose nodes it calls.',
    '',
    ...papers.flatMap((paper) => [
      `## ${paper.reference.title}`,
      '',
      `${citation(paper.reference)}, <${paper.reference.url}>`,
      '',
      `Nodes: ${paper.nodes.map((node) => `\`${node}\``).join(', ')}`,
      '',
      ...(paper.recipes.length === 0
        ? ['No example recipe calls these nodes yet.', '']
        : paper.recipes.flatMap((recipe) => [
            `### \`${recipe.file}\``,
            '',
            `Calls ${recipe.nodes.map((node) => `\`${node}\``).join(', ')}${recipe.seeds.length ? `; seeds ${recipe.seeds.join(', ')}` : ''}.`,
            '',
            ...(recipe.claims.length === 0
              ? ['No claims recorded.', '']
              : [
                  '| Claim | Compares | Expected | Measured | Verdict |',
                  '|---|---|---|---|---|',
                  ...recipe.claims.map(
                    (claim) =>
                      `| ${cell(claim.text)} | ${cell(claim.quantity)} | ${cell(claim.expected)} | ${cell(measuredText(claim))} | ${claim.verdict} |`,
                  ),
                  '',
                ]),
          ])),
    ]),
  ];
}
