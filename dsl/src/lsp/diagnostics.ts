// Front-end diagnostics as LSP diagnostics, and the quick fix for each "did you mean".
import {
  CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../diagnostic.js';
import { toLspRange } from './positions.js';

/** What a diagnostic carries for its quick fix. */
interface FixData {
  suggestion: string;
}

/** A suggestion as `render` shows it: strings keep their quotes, names get some. */
function quoted(suggestion: string): string {
  return suggestion.startsWith('"') ? suggestion : `"${suggestion}"`;
}

export function toLspDiagnostic(diagnostic: Diagnostic, document: TextDocument): LspDiagnostic {
  const { suggestion } = diagnostic;
  return {
    range: toLspRange(diagnostic.range, document),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    source: 'recipe',
    message: suggestion === undefined ? diagnostic.message : `${diagnostic.message}; did you mean ${quoted(suggestion)}?`,
    ...(suggestion === undefined ? {} : { data: { suggestion } satisfies FixData }),
  };
}

/** "Replace with …" for every diagnostic in `diagnostics` (those of a code action request) that
 * carries a suggestion: the suggestion replaces the diagnostic's range. */
export function quickFixes(uri: string, diagnostics: LspDiagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => {
    const data = diagnostic.data as Partial<FixData> | undefined;
    if (diagnostic.source !== 'recipe' || typeof data?.suggestion !== 'string') return [];
    return [{
      title: `Replace with ${data.suggestion}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: diagnostic.range, newText: data.suggestion }] } },
    }];
  });
}
