// `sous 1` must open the file: missing is a warning (the file still checks as version 1), a
// version this checker does not know is an error, and a header anywhere else is misplaced.
import { SUPPORTED_VERSIONS } from '../../builtins.js';
import type { Rule } from '../rule.js';

export const versionHeader: Rule = {
  name: 'version-header',
  codes: ['R0001', 'R0002', 'R0003'],
  run({ model, report }) {
    const statements = model.ast.statements;
    const headers = statements.filter((s) => s.type === 'Version');
    if (headers.length === 0) {
      const start = { offset: 0, line: 1, column: 1 };
      report(
        'R0002',
        { start, end: start },
        `missing language version header; add \`sous ${SUPPORTED_VERSIONS.at(-1)}\` as the first line`,
      );
      return;
    }
    for (const header of headers) {
      if (header !== statements[0]) {
        report('R0003', header.range, 'the version header must be the first statement of the file, and appear once');
      }
      const version = header.version.value;
      if (!SUPPORTED_VERSIONS.includes(version)) {
        report(
          'R0001',
          header.version.range,
          `unknown language version ${header.version.raw}; this sous supports version ${SUPPORTED_VERSIONS.join(', ')}`,
        );
      }
    }
  },
};
