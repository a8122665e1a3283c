// The plugin-author guide's code: every fenced block tagged with a file name (```ts file=src/x.ts)
// is a file of the guide's example package, and CI builds and runs that package from them.
import fs from 'node:fs';
import path from 'node:path';

/** A code block that names its file: where it goes in the package, and its text. */
export interface GuideFile {
  file: string;
  text: string;
}

const FILE_BLOCK = /^```\w+ file=(\S+)\n([\s\S]*?)^```$/gm;

/** The guide's file blocks, in order; a file named twice, or outside the package, is an error. */
export function guideFiles(markdown: string): GuideFile[] {
  const files: GuideFile[] = [];
  for (const [, file, text] of markdown.matchAll(FILE_BLOCK)) {
    if (path.posix.isAbsolute(file) || path.posix.normalize(file).startsWith('..')) {
      throw new Error(`the guide's block for ${file} names a file outside the package`);
    }
    if (files.some((known) => known.file === file)) throw new Error(`the guide has two blocks for ${file}`);
    files.push({ file, text });
  }
  return files;
}

/** Writes `files` into `dir`, emptied first. */
export function writePackage(dir: string, files: GuideFile[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const { file, text } of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}
