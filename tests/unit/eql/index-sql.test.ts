import { describe, expect, test } from "vitest";
import { EVENT_COLUMNS } from "@/lib/ecs/columns";
import { compileQuery, indexConditionSql } from "@/lib/eql";

/** The index path: necessary conditions on typed columns, or none where the engine's folding or wildcards could differ. */
const FOLDED = ["process.name", "process.parent.name"];
const cond = (q: string) => indexConditionSql(compileQuery(q), { columns: EVENT_COLUMNS, foldedColumns: FOLDED });

describe("indexConditionSql", () => {
  test("a seed rule: port, protocol and OS for the connection, the folded parent name for the child", () => {
    const r = cond(`sequence by host.id with maxspan=30s
      [network where host.os.type == "windows" and destination.port in (5985, 5986) and network.protocol == "http" and source.ip != "127.0.0.1"]
      [process where event.type == "start" and process.parent.name : "wsmprovhost.exe"]`)!;
    expect(r.sql).toBe('(((os_type = ANY($1::text[]) AND destination_port = ANY($2::bigint[])) AND protocol = ANY($3::text[])) OR lower(parent_name COLLATE "C") = ANY($4::text[]))');
    expect(r.params).toEqual([["windows"], [5985, 5986], ["http"], ["wsmprovhost.exe"]]);
  });

  test("case-insensitive names are folded; patterns with wildcards or a k, and fields without a folded index, give none", () => {
    expect(cond('process where process.name : ("NTDSUTIL.EXE", "Vssadmin.exe")')!.params).toEqual([["ntdsutil.exe", "vssadmin.exe"]]);
    expect(cond('process where process.name in~ ("CMD.EXE")')!.params).toEqual([["cmd.exe"]]);
    expect(cond('process where process.name : "ntds*.exe"')).toBeNull();
    expect(cond('process where process.name : "kerberos.exe"')).toBeNull(); // U+212A folds to k
    expect(cond('process where process.name : "café.exe"')).toBeNull();
    expect(cond('process where user.name : "admin"')).toBeNull();
  });

  test("and keeps either side, or needs both, not gives none; any stage without one gives none", () => {
    expect(cond('process where process.pid == 4 and length(process.name) > 3')!.sql).toBe("pid = ANY($1::bigint[])");
    expect(cond("process where process.pid == 4 or length(process.name) > 3")).toBeNull();
    expect(cond('process where process.pid == 4 or process.parent.pid == 8')!.sql).toBe("(pid = ANY($1::bigint[]) OR ppid = ANY($2::bigint[]))");
    expect(cond("process where not process.pid == 4")).toBeNull();
    expect(cond("sequence [process where process.pid == 4] [process where true]")).toBeNull();
    expect(cond('sequence [process where process.pid == 4] [process where true] until [process where process.pid == 5]')).toBeNull();
  });

  test("only values the column holds exactly: integers for long columns, single addresses for ip columns", () => {
    expect(cond("network where destination.port == 5985.5")).toBeNull();
    expect(cond('network where source.ip == "::ffff:10.0.0.1"')!.params).toEqual([["10.0.0.1"]]);
    expect(cond('network where source.ip == "10.0.0.0/8"')).toBeNull();
    expect(cond('network where destination.port in ("5985", 5986)')!.params).toEqual([[5985, 5986]]);
  });
});
