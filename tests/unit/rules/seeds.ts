/**
 * Reads the two seed documents (Elastic prebuilt-rule pages) straight from ../shared/seeds so that
 * the tests compare the rule pack with the seeds' own text. Handles both layouts: the markdown page
 * (000, `**Key**: value`, `*` lists, fenced query) and the plain-text page (001, `Key: value`, `-`
 * lists, query as bare lines before `Framework:`).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../../vitest.shared";

export const seedsDir = path.resolve(root, "../shared/seeds");

export interface SeedMitre {
  id: string;
  name: string;
  reference: string;
}

export interface SeedThreat {
  tactic: SeedMitre;
  techniques: (SeedMitre & { subtechniques: SeedMitre[] })[];
}

export interface Seed {
  file: string;
  raw: string;
  name: string;
  description: string;
  ruleType: string;
  index: string[];
  severity: string;
  riskScore: number;
  interval: string;
  from: string;
  maxSignals: number;
  references: string[];
  tags: string[];
  version: number;
  authors: string[];
  license: string;
  intro: string;
  investigationSteps: string[];
  falsePositiveAnalysis: string[];
  responseAndRemediation: string[];
  query: string;
  framework: string;
  threat: SeedThreat[];
}

/** The one encoding defect known in the seeds: a UTF-8 right single quote read as Windows-1252. */
export const MOJIBAKE: Record<string, string> = { "â€™": "’" };

export function repairMojibake(text: string): string {
  let out = text;
  for (const [bad, good] of Object.entries(MOJIBAKE)) out = out.split(bad).join(good);
  return out;
}

interface Line {
  raw: string;
  /** Trimmed, `**bold**` markers removed. */
  text: string;
  /** The list item's text when the line is a `*` or `-` item. */
  item: string | null;
}

function toLines(doc: string): Line[] {
  return doc.split("\n").map((raw) => {
    const text = raw.trim().replace(/\*\*(.+?)\*\*/g, "$1");
    const m = /^[*-] (.*)$/.exec(text);
    return { raw, text, item: m ? m[1]! : null };
  });
}

const unlink = (text: string) => /^\[(.+?)\]\((.+?)\)$/.exec(text)?.[2] ?? text;

export function parseSeed(file: string): Seed {
  const raw = readFileSync(file, "utf8");
  const lines = toLines(raw);
  const at = (pred: (l: Line) => boolean, from = 0): number => {
    const i = lines.findIndex((l, j) => j >= from && pred(l));
    if (i < 0) throw new Error(`${path.basename(file)}: expected line not found`);
    return i;
  };
  const lineIs = (text: string, from = 0) => at((l) => l.text === text, from);
  const value = (key: string): string => {
    const line = lines[at((l) => l.text.startsWith(`${key}: `))]!;
    return line.text.slice(key.length + 2).trim();
  };
  /** List items after line `i`, skipping blank lines, up to the first other line. */
  const itemsAfter = (i: number): { items: string[]; end: number } => {
    const items: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.item !== null) items.push(l.item);
      else if (l.text !== "") break;
    }
    return { items, end: j };
  };
  const listAfter = (heading: string, from = 0) => itemsAfter(lineIs(heading, from)).items;

  const titleLine = lines.find((l) => l.text.startsWith("# "));
  const name = titleLine
    ? titleLine.text.slice(2).replace(/\s*\[[^\]]*\]$/, "")
    : lines.find((l) => l.text !== "")!.text;
  const ruleTypeAt = at((l) => l.text.startsWith("Rule type: "));
  const description = lines.slice(0, ruleTypeAt).filter((l) => l.text !== "").at(-1)!.text;

  const referencesValue = lines[at((l) => l.text.startsWith("References:"))]!.text.slice(11).trim();
  const references = referencesValue === "None" ? [] : listAfter("References:").map(unlink);

  const triage = lineIs("Triage and analysis");
  const investigating = lineIs(`Investigating ${name}`, triage);
  const stepsAt = lineIs("Possible investigation steps", investigating);
  const intro = lines
    .slice(investigating + 1, stepsAt)
    .map((l) => l.text)
    .filter((t) => t !== "")
    .join("\n");
  const fpAt = lineIs("False positive analysis", stepsAt);
  const rrAt = lineIs("Response and remediation", fpAt);
  const response = itemsAfter(rrAt);

  const fence = lines.findIndex((l) => l.text === "```js");
  const frameworkAt = at((l) => l.text.startsWith("Framework: "));
  let queryLines: string[];
  if (fence >= 0) {
    queryLines = lines.slice(fence + 1, at((l) => l.text === "```", fence + 1)).map((l) => l.raw);
  } else {
    queryLines = lines.slice(response.end, frameworkAt).map((l) => l.raw);
    while (queryLines.length > 0 && queryLines.at(-1)!.trim() === "") queryLines.pop();
  }

  const threat: SeedThreat[] = [];
  type Block = "Tactic" | "Technique" | "Sub-technique";
  let block: Block | null = null;
  let current: Partial<SeedMitre> = {};
  const close = () => {
    if (block === null) return;
    const ref = current as SeedMitre;
    if (block === "Tactic") threat.push({ tactic: ref, techniques: [] });
    else if (block === "Technique") threat.at(-1)!.techniques.push({ ...ref, subtechniques: [] });
    else threat.at(-1)!.techniques.at(-1)!.subtechniques.push(ref);
    current = {};
  };
  for (const l of lines.slice(frameworkAt + 1)) {
    const heading = /^(?:[*-] )?(Tactic|Technique|Sub-technique):$/.exec(l.text);
    if (heading) {
      close();
      block = heading[1] as Block;
      continue;
    }
    const kv = l.item !== null ? /^(Name|ID|Reference URL): (.*)$/.exec(l.item) : null;
    if (!kv) continue;
    if (kv[1] === "Name") current.name = kv[2]!;
    else if (kv[1] === "ID") current.id = kv[2]!;
    else current.reference = unlink(kv[2]!);
  }
  close();

  return {
    file,
    raw,
    name,
    description,
    ruleType: value("Rule type"),
    index: listAfter("Rule indices:"),
    severity: value("Severity"),
    riskScore: Number(value("Risk score")),
    interval: value("Runs every"),
    from: value("Searches indices from").split(/\s/)[0]!,
    maxSignals: Number(value("Maximum alerts per execution")),
    references,
    tags: listAfter("Tags:"),
    version: Number(value("Version")),
    authors: listAfter("Rule authors:"),
    license: value("Rule license"),
    intro: repairMojibake(intro),
    investigationSteps: itemsAfter(stepsAt).items.map(repairMojibake),
    falsePositiveAnalysis: itemsAfter(fpAt).items.map(repairMojibake),
    responseAndRemediation: response.items.map(repairMojibake),
    query: queryLines.map((l) => `${l}\n`).join(""),
    framework: value("Framework"),
    threat,
  };
}

/** Both seeds, 000 (PowerShell Remoting) then 001 (WinRM Remote Shell). */
export function loadSeeds(): Seed[] {
  return readdirSync(seedsDir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((f) => parseSeed(path.join(seedsDir, f)));
}
