// Every diagnostic code the checker emits, with its severity and a short title. The titles head
// the entries of dsl/docs/errors.md (a test keeps the two in sync). Syntax codes (R01xx) belong
// to the parser.

export interface CodeInfo {
  severity: 'error' | 'warning';
  title: string;
}

export const CHECK_CODES = {
  // header
  R0001: { severity: 'error', title: 'unknown language version' },
  R0002: { severity: 'warning', title: 'missing language version header' },
  R0003: { severity: 'error', title: 'misplaced version header' },
  R0004: { severity: 'error', title: 'repeated recipe name' },
  // names
  R0201: { severity: 'error', title: 'plugin package not found' },
  R0202: { severity: 'error', title: 'unknown node' },
  R0203: { severity: 'error', title: 'unknown namespace' },
  R0204: { severity: 'error', title: 'unknown name' },
  R0205: { severity: 'error', title: 'unknown parameter' },
  R0206: { severity: 'error', title: 'unknown member' },
  R0207: { severity: 'error', title: 'duplicate binding' },
  R0208: { severity: 'error', title: 'binding shadows an outer name' },
  R0209: { severity: 'error', title: 'duplicate namespace' },
  R0210: { severity: 'error', title: 'unknown setting' },
  R0211: { severity: 'error', title: 'unknown optimizer' },
  R0212: { severity: 'error', title: 'unknown schedule' },
  R0213: { severity: 'error', title: 'duplicate argument' },
  R0214: { severity: 'error', title: 'repeated setting' },
  // types and values
  R0301: { severity: 'error', title: 'wrong value type' },
  R0302: { severity: 'error', title: 'value out of range' },
  R0303: { severity: 'error', title: 'wrong unit' },
  R0304: { severity: 'error', title: 'missing required parameter' },
  R0305: { severity: 'error', title: 'missing input' },
  R0306: { severity: 'error', title: 'wrong input type' },
  R0307: { severity: 'error', title: 'operator type mismatch' },
  R0308: { severity: 'error', title: 'parameter needs a literal value' },
  R0309: { severity: 'error', title: 'too many positional arguments' },
  R0310: { severity: 'error', title: 'node or namespace used as a value' },
  R0311: { severity: 'error', title: 'plain value where a node is expected' },
  R0312: { severity: 'error', title: 'not callable' },
  R0313: { severity: 'error', title: 'member of an unnamed value' },
  // graph and stages
  R0401: { severity: 'error', title: 'dependency cycle' },
  R0402: { severity: 'error', title: 'duplicate stage name' },
  R0403: { severity: 'error', title: 'stage without steps' },
  R0404: { severity: 'error', title: 'stage without a loss' },
  R0405: { severity: 'error', title: 'loss is not a Loss' },
  R0406: { severity: 'warning', title: 'loss without an optimizer' },
  R0407: { severity: 'error', title: 'optimizers overlap' },
} as const satisfies Record<string, CodeInfo>;

export type CheckCode = keyof typeof CHECK_CODES;
