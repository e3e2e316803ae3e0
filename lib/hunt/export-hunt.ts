import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { fieldGetter } from "../eql/fields";
import { cellText } from "./cell-text";
import type { ServiceContext } from "../service-context";
import { runHunt, type HuntResult } from "./run-hunt";

/**
 * Hunt results as files. NDJSON: one line per match, as `npm run cli -- eql` prints them (an event
 * query: the stored document; a sequence: the array of its documents). CSV: one row per event (match
 * number, stage, store id, then the chosen fields); cells that begin with = + - @ (or a tab or carriage
 * return) are prefixed with ' so that a spreadsheet never runs them as formulas.
 */
export const DEFAULT_EXPORT_COLUMNS = ["@timestamp", "host.name", "event.category", "event.type", "user.name", "process.name", "process.command_line", "source.ip", "destination.port"];

const exportOptions = z.object({
  columns: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
});

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  truncated: boolean;
}

export async function exportHunt(input: unknown, format: string, ctx: ServiceContext): Promise<ExportFile> {
  const f = z.enum(["ndjson", "csv"], { message: "format must be ndjson or csv" }).parse(format);
  const { columns } = exportOptions.parse(input ?? {});
  const result = await runHunt(input, ctx);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  if (f === "ndjson") return { body: toNdjson(result), contentType: "application/x-ndjson; charset=utf-8", filename: `hunt-${stamp}.ndjson`, truncated: result.truncated };
  return { body: toCsv(result, columns ?? DEFAULT_EXPORT_COLUMNS), contentType: "text/csv; charset=utf-8", filename: `hunt-${stamp}.csv`, truncated: result.truncated };
}

export function toNdjson(result: Pick<HuntResult, "kind" | "matches">): string {
  return result.matches.map((m) => JSON.stringify(result.kind === "event" ? m.events[0] : m.events) + "\n").join("");
}

export function toCsv(result: Pick<HuntResult, "matches">, columns: string[]): string {
  const getters = columns.map((c) => fieldGetter(c.split(".")));
  const rows: string[][] = [];
  result.matches.forEach((m, i) => {
    m.events.forEach((doc, stage) => {
      rows.push([String(i + 1), String(stage + 1), String(m.refs[stage]?.id ?? ""), ...getters.map((g) => cellText(g(doc)))]);
    });
  });
  return stringify(rows, { header: true, columns: ["match", "stage", "id", ...columns], escape_formulas: true, record_delimiter: "\r\n" });
}
