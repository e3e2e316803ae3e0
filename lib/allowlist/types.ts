/** The allowlist vocabulary shared by validation, the evaluator, the service and the UI. */
export const ALLOWLIST_OPERATORS = ["is", "is_not", "is_one_of", "matches", "cidr", "exists", "not_exists"] as const;
export type AllowlistOperator = (typeof ALLOWLIST_OPERATORS)[number];

export type ConditionValue = string | number;

export interface AllowlistCondition {
  field: string;
  operator: AllowlistOperator;
  values: ConditionValue[];
}

/** What the evaluator needs of an entry (a stored row or a draft). */
export interface AllowlistEntryLike {
  id: string;
  ruleId: string | null;
  conditions: AllowlistCondition[];
  caseInsensitive: boolean;
  enabled: boolean;
  expiresAt: Date | string | null;
  deletedAt?: Date | string | null;
}

/** The fields of both seed rules, offered first by the field picker. */
export const RULE_FIELDS = [
  "source.ip",
  "user.name",
  "host.name",
  "host.id",
  "process.executable",
  "process.name",
  "process.parent.name",
  "process.command_line",
  "destination.port",
] as const;

export const OPERATOR_LABELS: Record<AllowlistOperator, string> = {
  is: "is",
  is_not: "is not",
  is_one_of: "is one of",
  matches: "matches",
  cidr: "is in CIDR",
  exists: "exists",
  not_exists: "does not exist",
};
