// Front-end diagnostics as LSP diagnostics, and the quick fix for each "did you mean".
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_SHOWN_DIAGNOSTICS, shownDiagnostics, type Diagnostic } from '../diagnostic.js';
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
    message:
      suggestion === undefined ? diagnostic.message : `${diagnostic.message}; did you mean ${quoted(suggestion)}?`,
    ...(suggestion === undefined ? {} : { data: { suggestion } satisfies FixData }),
  };
}

/** The LSP diagnostics of a document: the first MAX_SHOWN_DIAGNOSTICS, as `sous check` prints
 * them, and one note counting the rest (an editor slows down under tens of thousands). */
export function toLspDiagnostics(diagnostics: readonly Diagnostic[], document: TextDocument): LspDiagnostic[] {
  const { shown, hidden } = shownDiagnostics(diagnostics);
  const out = shown.map((d) => toLspDiagnostic(d, document));
  if (hidden > 0) {
    out.push({
      range: toLspRange(diagnostics[MAX_SHOWN_DIAGNOSTICS].range, document),
      severity: DiagnosticSeverity.Information,
      source: 'recipe',
      message: `${hidden} more diagnostic${hidden === 1 ? '' : 's'} from here on not shown; fix the ones above first`,
    });
  }
  return out;
}

/** "Replace with …" for every diagnostic in `diagnostics` (those of a code action request) that
 * carries a suggestion: the suggestion replaces the diagnostic's range. */
export function quickFixes(uri: string, diagnostics: LspDiagnostic[]): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => {
    const data = diagnostic.data as Partial<FixData> | undefined;
    if (diagnostic.source !== 'recipe' || typeof data?.suggestion !== 'string') return [];
    return [
      {
        title: `Replace with ${data.suggestion}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: [{ range: diagnostic.range, newText: data.suggestion }] } },
      },
    ];
  });
}
