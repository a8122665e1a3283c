// Golden files: a test compares what it computes with a file kept in the repository. A missing
// golden fails like a wrong one; goldens are written only on request, with
// SOUS_UPDATE_GOLDENS=1 (`npm run test:update -w <package>`), and then reviewed in the diff.
import fs from 'node:fs';
import path from 'node:path';

export const UPDATE_VARIABLE = 'SOUS_UPDATE_GOLDENS';

/** The npm package whose tests run here (tools/test/run.mjs runs in the package's folder), for
 * the update command in messages. */
function runningPackage(): string {
  for (let dir = process.cwd(); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8')).name;
  }
  return '<package>';
}

/**
 * The text of the golden `file` to compare `actual` with. With SOUS_UPDATE_GOLDENS=1 it first
 * writes `actual` there. A missing golden throws, naming the file and the command that writes it.
 */
export function golden(file: string, actual: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env[UPDATE_VARIABLE] === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) {
    throw new Error(
      `the golden file ${path.relative(process.cwd(), file)} is missing: write it with \`npm run test:update -w ${runningPackage()}\` (${UPDATE_VARIABLE}=1) and review it`,
    );
  }
  return fs.readFileSync(file, 'utf8');
}
