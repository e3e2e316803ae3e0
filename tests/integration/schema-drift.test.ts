import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * schema.prisma and prisma/migrations must describe the same database: after migrating an empty
 * database, every model and scalar field the generated client knows exists as a table and column of
 * a matching type and nullability, and no table or column exists that the schema does not declare.
 */
interface RuntimeField { name: string; kind: string; type: string; dbName?: string }
interface RuntimeModel { fields: RuntimeField[]; dbName: string | null }

function runtimeDataModel(): Record<string, RuntimeModel> {
  const source = fs.readFileSync(path.join(process.cwd(), "lib/db/generated/internal/class.ts"), "utf8");
  const m = /config\.runtimeDataModel = JSON\.parse\((".*")\)/.exec(source);
  if (!m) throw new Error("runtimeDataModel not found in the generated client");
  return JSON.parse(JSON.parse(m[1])).models;
}

/** Optional fields (`Type?`) per model, read from the schema itself. */
function optionalFields(): Map<string, Set<string>> {
  const schema = fs.readFileSync(path.join(process.cwd(), "prisma/schema.prisma"), "utf8");
  const out = new Map<string, Set<string>>();
  for (const block of schema.matchAll(/model (\w+) \{([\s\S]*?)\n\}/g)) {
    const optional = new Set<string>();
    for (const line of block[2].split("\n")) {
      const f = /^\s*(\w+)\s+\w+\?/.exec(line);
      if (f) optional.add(f[1]);
    }
    out.set(block[1], optional);
  }
  return out;
}

const PG_TYPES: Record<string, string[]> = {
  String: ["text", "uuid", "inet", "character varying"],
  Int: ["integer"],
  BigInt: ["bigint"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone"],
  Json: ["jsonb"],
  Float: ["double precision"],
};

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase("drift");
  await migrate(db.url);
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

async function columns() {
  const { rows } = await client.query(`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
    where c.table_schema = 'public' and t.table_type in ('BASE TABLE')
      and c.table_name not like 'events\\_p%'`);
  return rows as { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }[];
}

describe("schema.prisma and the migrations agree", () => {
  test("every model's scalar fields exist with the right type and nullability", async () => {
    const cols = await columns();
    const optional = optionalFields();
    const problems: string[] = [];
    for (const [model, def] of Object.entries(runtimeDataModel())) {
      const table = def.dbName ?? model;
      for (const f of def.fields.filter((x) => x.kind === "scalar")) {
        const column = f.dbName ?? f.name;
        const col = cols.find((c) => c.table_name === table && c.column_name === column);
        if (!col) {
          problems.push(`${model}.${f.name}: column ${table}.${column} is missing`);
          continue;
        }
        const isArray = col.data_type === "ARRAY";
        const pgType = isArray ? col.udt_name.replace(/^_/, "") : col.data_type;
        const allowed = PG_TYPES[f.type] ?? [];
        const normalized = pgType === "text" || pgType === "inet" || pgType === "uuid" ? pgType : pgType;
        if (!allowed.includes(normalized)) problems.push(`${model}.${f.name}: ${f.type} stored as ${pgType}`);
        const shouldBeNullable = optional.get(model)?.has(f.name) ?? false;
        if (!isArray && (col.is_nullable === "YES") !== shouldBeNullable) {
          problems.push(`${model}.${f.name}: nullable in database = ${col.is_nullable}, in schema = ${shouldBeNullable}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("no table or column exists that the schema does not declare", async () => {
    const declared = new Set<string>();
    for (const [model, def] of Object.entries(runtimeDataModel())) {
      for (const f of def.fields.filter((x) => x.kind === "scalar")) declared.add(`${def.dbName ?? model}.${f.dbName ?? f.name}`);
    }
    const extra = (await columns())
      .filter((c) => c.table_name !== "_prisma_migrations")
      .map((c) => `${c.table_name}.${c.column_name}`)
      .filter((c) => !declared.has(c));
    expect(extra).toEqual([]);
  });
});

describe("migrations are applied and recorded the way Prisma records them", () => {
  test("each migration is recorded once with the sha256 of its file, and re-running applies nothing", async () => {
    const { rows } = await client.query(`select migration_name, checksum, finished_at, applied_steps_count from _prisma_migrations order by migration_name`);
    const files = readMigrations();
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.map((r) => r.checksum)).toEqual(files.map((f) => f.checksum));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    expect(await migrate(db.url)).toEqual([]);
  });

  test("a migration edited after it was applied is refused", async () => {
    const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "lateral-migrations-"));
    fs.cpSync(path.join(process.cwd(), "prisma/migrations"), tmp, { recursive: true });
    const first = readMigrations(tmp)[0].name;
    fs.appendFileSync(path.join(tmp, first, "migration.sql"), "\n-- edited\n");
    await expect(migrate(db.url, tmp)).rejects.toThrow(/changed after it was applied/);
  });

  test("a failing migration leaves nothing half-applied", async () => {
    const tmp = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "lateral-migrations-"));
    fs.cpSync(path.join(process.cwd(), "prisma/migrations"), tmp, { recursive: true });
    fs.mkdirSync(path.join(tmp, "29991231000000_broken"));
    fs.writeFileSync(path.join(tmp, "29991231000000_broken", "migration.sql"), `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;`);
    await expect(migrate(db.url, tmp)).rejects.toThrow(/29991231000000_broken failed/);
    const { rowCount } = await client.query(`select 1 from information_schema.tables where table_name = 'half_done'`);
    expect(rowCount).toBe(0);
    const recorded = await client.query(`select 1 from _prisma_migrations where migration_name = '29991231000000_broken'`);
    expect(recorded.rowCount).toBe(0);
  });
});
