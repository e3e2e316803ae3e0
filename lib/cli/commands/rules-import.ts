import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Actor } from "../../auth/actor";
import { importRules, MAX_RULE_FILES } from "../../rules/import-rules";

/**
 * `rules import PATH...`: Elastic detection-rules TOML files, or folders of them (their `*.toml`,
 * not recursive). Prints one line per file (imported, updated, unchanged, or refused with the
 * reason) and a JSON summary as the last line. Exit 0 when nothing was refused, 1 otherwise (the
 * importable files are stored either way), 2 for a path that cannot be read.
 */
export async function rulesImportCommand(args: string[], actor: Actor): Promise<number> {
  if (!args.length) {
    console.error("Error: rules import needs at least one .toml file or folder");
    return 2;
  }
  const files: { name: string; content: string }[] = [];
  for (const arg of args) {
    let paths: string[];
    try {
      paths = statSync(arg).isDirectory()
        ? readdirSync(arg).filter((n) => n.toLowerCase().endsWith(".toml")).sort().map((n) => path.join(arg, n))
        : [arg];
    } catch (err) {
      console.error(`Error: cannot read ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      return 2;
    }
    for (const p of paths) files.push({ name: path.basename(p), content: readFileSync(p, "utf8") });
  }
  const result = { imported: 0, updated: 0, unchanged: 0, refused: 0 };
  // In slices, as the API takes them (every slice is one transaction).
  for (let i = 0; i < files.length; i += MAX_RULE_FILES) {
    const r = await importRules({ files: files.slice(i, i + MAX_RULE_FILES) }, { actor, ip: null });
    for (const o of r.outcomes) {
      const what = o.ruleId ? `${o.name} (${o.ruleId}${o.version === null ? "" : ` v${o.version}`})` : "";
      console.error(`${o.status.padEnd(9)} ${o.file}${what ? `  ${what}` : ""}${o.reason ? `: ${o.reason}` : ""}`);
    }
    for (const k of Object.keys(result) as (keyof typeof result)[]) result[k] += r[k];
  }
  if (result.imported) console.error(`Imported rules are disabled until an admin enables them (Rules page, or PATCH /api/v1/rules/:id {"enabled": true}).`);
  console.log(JSON.stringify({ files: files.length, ...result }));
  return result.refused ? 1 : 0;
}
