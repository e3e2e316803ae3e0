/**
 * Parses a rule's investigation guide (the `note` markdown of an Elastic rule) into the parts the
 * triage UI needs. Pure code (no Node APIs), so it can run on the server and in the browser.
 *
 * Layout expected (Elastic's "Triage and analysis" guides):
 *
 *   ## Triage and analysis
 *   ### Investigating <rule name>
 *   <intro paragraph(s)>
 *   ### Possible investigation steps
 *   - step ...
 *   ### False positive analysis
 *   - item ...
 *   ### Response and remediation
 *   - item ...
 *
 * Heading levels 2 to 4 are accepted and titles are matched case-insensitively, so guides written
 * with `####` headings or `*` list markers parse the same.
 */

export interface GuideStep {
  /** Stable id: `step-` + 12 hex digits of the FNV-1a 64-bit hash of the normalized step text. */
  id: string;
  /** The step's markdown, without its list marker. */
  text: string;
}

export interface GuideSection {
  /** Heading text without the leading `#`s. */
  title: string;
  /** The markdown between this heading and the next heading (of any level), trimmed. */
  markdown: string;
}

export interface ParsedGuide {
  intro: string;
  investigationSteps: GuideStep[];
  falsePositiveAnalysis: string[];
  responseAndRemediation: string[];
  sections: GuideSection[];
}

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;

/** Splits markdown into heading sections. Text before the first heading is ignored. */
export function splitSections(markdown: string): GuideSection[] {
  const sections: GuideSection[] = [];
  let current: { title: string; lines: string[] } | null = null;
  let fence: string | null = null;
  const flush = () => {
    if (current) sections.push({ title: current.title, markdown: current.lines.join("\n").trim() });
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMatch = /^ {0,3}(```|~~~)/.exec(line);
    if (fenceMatch) fence = fence === null ? fenceMatch[1]! : fence === fenceMatch[1] ? null : fence;
    const heading = fence === null ? HEADING.exec(line) : null;
    if (heading) {
      flush();
      current = { title: heading[2]!, lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  flush();
  return sections;
}

/**
 * The top-level list items of a markdown block. Indented lines (continuations, nested lists indented
 * two or more columns deeper than the list) stay part of the item they follow; a blank line followed by a non-indented, non-item line ends the list.
 */
export function listItems(markdown: string): string[] {
  const items: string[][] = [];
  let current: string[] | null = null;
  let pendingBlank = false;
  let baseIndent = -1;
  for (const line of markdown.split("\n")) {
    const item = LIST_ITEM.exec(line);
    const indent = /^\s*/.exec(line)![0].length;
    if (item && (current === null || indent < baseIndent + 2)) {
      if (current === null) baseIndent = indent;
      current = [item[1]!];
      items.push(current);
      pendingBlank = false;
    } else if (line.trim() === "") {
      pendingBlank = current !== null;
    } else if (current && (/^\s+/.test(line) || !pendingBlank)) {
      if (pendingBlank) current.push("");
      current.push(line);
      pendingBlank = false;
    } else {
      current = null;
      pendingBlank = false;
    }
  }
  return items.map((lines) => dedent(lines).trim());
}

function dedent(lines: string[]): string {
  const [first, ...rest] = lines;
  const indents = rest.filter((l) => l.trim() !== "").map((l) => /^\s*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return [first, ...rest.map((l) => l.slice(Math.min(cut, /^\s*/.exec(l)![0].length)))].join("\n");
}

/** Whitespace-insensitive, Unicode-normalized form of a step, the input of its id. */
export function normalizeStepText(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/** FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, "0");
}

/**
 * The id of a step: depends only on its text (after whitespace normalization), so it survives
 * restarts, reordering and rule version bumps that leave the step unchanged. A step whose text
 * repeats an earlier step of the same guide gets `-2`, `-3`, ... appended.
 */
export function stepIds(texts: string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const base = `step-${fnv1a64(normalizeStepText(text)).slice(0, 12)}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

const titleIs = (pattern: RegExp) => (s: GuideSection) => pattern.test(s.title.trim());

export function parseGuide(note: string): ParsedGuide {
  const sections = splitSections(note ?? "");
  const investigating = sections.find(titleIs(/^investigating\b/i));
  const steps = sections.find(titleIs(/^possible investigation steps$/i));
  const falsePositives = sections.find(titleIs(/^false positive analysis$/i));
  const response = sections.find(titleIs(/^response and remediation$/i));

  const stepTexts = steps ? listItems(steps.markdown) : [];
  const ids = stepIds(stepTexts);
  return {
    intro: investigating?.markdown ?? "",
    investigationSteps: stepTexts.map((text, i) => ({ id: ids[i]!, text })),
    falsePositiveAnalysis: falsePositives ? listItems(falsePositives.markdown) : [],
    responseAndRemediation: response ? listItems(response.markdown) : [],
    sections,
  };
}
