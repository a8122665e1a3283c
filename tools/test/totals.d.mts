// Types of totals.mjs for TypeScript files outside tools/test (the root tsconfig has no allowJs).
export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}
export function inCI(env?: NodeJS.ProcessEnv): boolean;
export function testedPackages(root: string): { name: string; dir: string }[];
export function uvuTotals(stdout: string): Totals | undefined;
export function minimumProblems(
  results: Record<string, Totals | undefined>,
  minimums: Record<string, number>,
): string[];
