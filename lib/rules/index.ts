export { loadRulePack, loadRuleFile, parseRuleText, defaultRulesDir, findRepoRoot } from "./loader";
export type { RuleParseResult } from "./loader";
export { parseGuide, stepIds, normalizeStepText } from "./guide";
export type { ParsedGuide, GuideStep, GuideSection } from "./guide";
export { parseDuration, parseLookback, validateRuleDocument } from "./schema";
export type {
  Rule,
  RulePack,
  RulePackError,
  RuleMetadata,
  Severity,
  MitreRef,
  ThreatTechnique,
  ThreatMapping,
} from "./types";
