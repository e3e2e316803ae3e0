import type { CompiledQuery } from "@/lib/eql";
import type { ParsedGuide } from "./guide";

export type Severity = "low" | "medium" | "high" | "critical";

/** A MITRE ATT&CK tactic, technique or sub-technique. */
export interface MitreRef {
  /** `TA0008`, `T1021`, `T1021.006`. */
  id: string;
  name: string;
  /** Link to attack.mitre.org. */
  reference: string;
}

export interface ThreatTechnique extends MitreRef {
  subtechniques: MitreRef[];
}

/** One `[[rule.threat]]` entry: a tactic and the techniques of the rule under it. */
export interface ThreatMapping {
  framework: string;
  tactic: MitreRef;
  techniques: ThreatTechnique[];
}

export interface RuleMetadata {
  /** `YYYY/MM/DD`, as in Elastic's rule files. */
  creationDate: string | null;
  updatedDate: string | null;
  maturity: string | null;
  integration: string[];
  minStackVersion: string | null;
}

/** A detection rule loaded from one TOML file of the rule pack. */
export interface Rule {
  /** Elastic's `rule_id`, the rule's identity across versions. */
  ruleId: string;
  name: string;
  description: string;
  version: number;
  severity: Severity;
  riskScore: number;
  type: "eql";
  language: "eql";
  /** The EQL query exactly as written in the file. */
  query: string;
  /** Index patterns the rule reads (informational: the event store is not split by index). */
  index: string[];
  /** Look-back, Elastic date math: `now-9m`. */
  from: string;
  /** `from` as a duration in milliseconds (9 minutes for `now-9m`). */
  lookbackMs: number;
  /** Schedule: `5m`. */
  interval: string;
  intervalMs: number;
  /** Alert cap per run. */
  maxSignals: number;
  references: string[];
  tags: string[];
  author: string[];
  license: string;
  /** The investigation guide, raw markdown. */
  note: string;
  threat: ThreatMapping[];
  /** The investigation guide, parsed (the triage checklist is `guide.investigationSteps`). */
  guide: ParsedGuide;
  metadata: RuleMetadata;
  /** Absolute path of the TOML file the rule came from. */
  sourcePath: string;
  /** The query compiled by the EQL engine. */
  compiled: CompiledQuery;
}

export interface RulePackError {
  /** The file (or the rules directory) that could not be loaded. */
  path: string;
  reason: string;
}

export interface RulePack {
  rules: Rule[];
  errors: RulePackError[];
}
