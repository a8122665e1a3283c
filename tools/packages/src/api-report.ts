// API reports (API Extractor): the exported API of each entry of the public API packages, as
// committed under <package>/etc/, so that a change to it shows in review. Checked from the built
// declarations (dist/*.d.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

/** The packages whose API others build on: the plugin kit (every plugin's peer) and the runtime
 * (what embeds sous). The plugins' own exports are their nodes, which their READMEs list. */
const API_PACKAGES = ['packages/core', 'packages/runtime'];

export interface ApiReport {
  packageName: string;
  dir: string;
  /** The export path: "." or e.g. "./testing". */
  entry: string;
  /** The built declaration file of the entry. */
  declarations: string;
  /** The committed report, etc/<name>[-<entry>].api.md. */
  report: string;
}

export function apiReports(root: string): ApiReport[] {
  return API_PACKAGES.flatMap((folder) => {
    const dir = path.join(root, folder);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { types: string }>;
    };
    const base = pkg.name.replace(/^@sous\//, '');
    return Object.entries(pkg.exports).map(([entry, spec]) => ({
      packageName: pkg.name,
      dir,
      entry,
      declarations: path.join(dir, spec.types),
      report: path.join(dir, 'etc', `${entry === '.' ? base : `${base}-${entry.slice(2)}`}.api.md`),
    }));
  });
}

/** Undefined when the committed report matches the API; else what is wrong. With `update`, a
 * changed report is written instead. */
export function checkApiReport(api: ApiReport, update: boolean): string | undefined {
  if (!fs.existsSync(api.declarations)) return `${path.relative(api.dir, api.declarations)} is not built`;
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'sous-api-'));
  const reportFolder = path.dirname(api.report);
  fs.mkdirSync(reportFolder, { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: api.dir,
      mainEntryPointFilePath: api.declarations,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023'],
            strict: true,
            skipLibCheck: true,
            types: ['node'],
          },
          files: [api.declarations],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: path.basename(api.report, '.api.md'),
        reportFolder,
        reportTempFolder: temp,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'warning' as never } },
        extractorMessageReporting: { default: { logLevel: 'none' as never, addToApiReportFile: false } },
        tsdocMessageReporting: { default: { logLevel: 'none' as never } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: path.join(api.dir, 'package.json'),
  });
  const problems: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback: (message) => {
      // Whether the report changed comes from the result; the rest of what it warns about is a problem.
      const aboutTheReport = message.messageId?.startsWith('console-api-report') ?? false;
      if ((message.logLevel === 'error' || message.logLevel === 'warning') && !aboutTheReport)
        problems.push(message.text);
      message.handled = true;
    },
  });
  fs.rmSync(temp, { recursive: true, force: true });
  if (problems.length > 0) return `API Extractor: ${problems.join('; ')}`;
  if (result.apiReportChanged && !update)
    return `the API changed: ${path.relative(api.dir, api.report)} is out of date (review the change, then npm run check:packages -- --update)`;
  return undefined;
}
