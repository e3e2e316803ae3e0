/** Position of a node in the query text (1-based). */
export interface Pos {
  line: number;
  column: number;
}

export type LiteralValue = string | number | boolean | null;

export interface LiteralExpr {
  type: "literal";
  value: LiteralValue;
  /** true for a decimal literal such as `2.0`: arithmetic on it is floating point. */
  float: boolean;
  pos: Pos;
}

export interface FieldExpr {
  type: "field";
  /** Dotted name as written, e.g. `process.parent.name`. */
  name: string;
  path: string[];
  /** `?field`: the field may be absent from every event (and a null join key is allowed). */
  optional: boolean;
  /** From a mapping's `null_value`: what an explicit null of this field reads as. */
  nullValue?: LiteralValue;
  pos: Pos;
}

export interface NotExpr {
  type: "not";
  operand: Expr;
  pos: Pos;
}

export interface LogicalExpr {
  type: "and" | "or";
  left: Expr;
  right: Expr;
  pos: Pos;
}

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

export interface CompareExpr {
  type: "compare";
  op: CompareOp;
  left: Expr;
  right: Expr;
  pos: Pos;
}

/** `:`, `like`, `like~`, `regex`, `regex~` with one or more constant string patterns. */
export type MatchOp = ":" | "like" | "like~" | "regex" | "regex~";

export interface MatchExpr {
  type: "match";
  op: MatchOp;
  left: Expr;
  patterns: string[];
  pos: Pos;
}

export interface InExpr {
  type: "in";
  /** `in~`: case-insensitive, no wildcards. */
  insensitive: boolean;
  negated: boolean;
  left: Expr;
  list: Expr[];
  pos: Pos;
}

export type ArithOp = "+" | "-" | "*" | "/" | "%";

export interface ArithExpr {
  type: "arith";
  op: ArithOp;
  left: Expr;
  right: Expr;
  pos: Pos;
}

export interface NegExpr {
  type: "neg";
  operand: Expr;
  pos: Pos;
}

export interface CallExpr {
  type: "call";
  /** Name without the `~`. */
  name: string;
  /** `name~(...)`: the case-insensitive variant. */
  insensitive: boolean;
  args: Expr[];
  pos: Pos;
}

export type Expr =
  | LiteralExpr
  | FieldExpr
  | NotExpr
  | LogicalExpr
  | CompareExpr
  | MatchExpr
  | InExpr
  | ArithExpr
  | NegExpr
  | CallExpr;

export interface Pipe {
  kind: "head" | "tail";
  count: number;
  pos: Pos;
}

/** `<category> where <condition>`; category null is `any`. */
export interface EventFilter {
  category: string | null;
  condition: Expr;
  pos: Pos;
}

export interface SequenceStage extends EventFilter {
  /** The stage's own join keys (after the sequence-level ones). */
  by: FieldExpr[];
  /** `with runs=N`: the stage repeated N times (already expanded in `SequenceQueryAst.stages`). */
  runs: number;
  /** `![...]`: a missing-event stage (no event of the key may match it at that place in the sequence). */
  missing?: boolean;
}

export interface EventQueryAst {
  type: "event";
  filter: EventFilter;
  pipes: Pipe[];
}

export interface SequenceQueryAst {
  type: "sequence";
  /** `sequence by ...`: join keys shared by every stage. */
  by: FieldExpr[];
  /** `with maxspan=...` in milliseconds, null when absent. */
  maxspanMs: number | null;
  /** Stages in order, `runs` expanded. */
  stages: SequenceStage[];
  until: SequenceStage | null;
  pipes: Pipe[];
}

export type QueryAst = EventQueryAst | SequenceQueryAst;
