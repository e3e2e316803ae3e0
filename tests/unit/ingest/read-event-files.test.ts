import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync, strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { type EventFileItem, readEventFile } from "@/lib/ingest/read-event-files";

const dir = mkdtempSync(path.join(os.tmpdir(), "event-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function read(p: string): Promise<EventFileItem[]> {
  const out: EventFileItem[] = [];
  for await (const item of readEventFile(p)) out.push(item);
  return out;
}

const docs = (items: EventFileItem[]) => items.filter((i) => !i.error).map((i) => i.doc);
const errors = (items: EventFileItem[]) => items.filter((i) => i.error);

const event = (id: number, name: string) =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">\n <System><EventID>${id}</EventID>` +
  `<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>${name}</Computer>` +
  `<TimeCreated SystemTime="2020-09-20T21:09:11.252Z"/></System>\n` +
  ` <EventData><Data Name="Image">C:\\a &amp; b.exe</Data><Data Name="RuleName">-</Data></EventData>\n</Event>\n`;

describe("readEventFile", () => {
  it("reads one JSON object", async () => {
    const items = await read(file("one.json", '{\n  "a": 1,\n  "b": {"c": "}"}\n}\n'));
    expect(items).toEqual([{ line: 1, doc: { a: 1, b: { c: "}" } }, source: path.join(dir, "one.json") }]);
  });

  it("reads a JSON array element by element, with line numbers", async () => {
    const items = await read(file("arr.json", '[\n {"a": 1},\n {"a": [2, 3]},\n "x"\n]'));
    expect(docs(items)).toEqual([{ a: 1 }, { a: [2, 3] }, "x"]);
    expect(items.map((i) => i.line)).toEqual([2, 3, 4]);
  });

  it("reads JSON Lines saved as .json, reporting a broken line and keeping the others", async () => {
    const items = await read(file("lines.json", '{"a":1}\n{"a":"cut\n{"a":3}\n'));
    expect(docs(items)).toEqual([{ a: 1 }, { a: 3 }]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 2, error: expect.stringMatching(/invalid JSON/) })]);
  });

  it("reads NDJSON, a malformed line yields an error with its line number and the rest continue", async () => {
    const items = await read(file("e.ndjson", '{"a":1}\r\n\n{"a":2,}\n{"a":3}\n{"a":4}'));
    expect(docs(items)).toEqual([{ a: 1 }, { a: 3 }, { a: 4 }]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 3, error: expect.stringMatching(/^invalid JSON/) })]);
    expect(items.map((i) => i.line)).toEqual([1, 3, 4, 5]);
  });

  it("reads .jsonl the same way", async () => {
    expect(docs(await read(file("e.jsonl", '{"a":1}\n{"a":2}\n')))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("reads every <Event> of a wevtutil XML export", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n${event(1, "W6")}${event(3, "W5")}</Events>\n`;
    const items = await read(file("export.xml", xml));
    expect(errors(items)).toEqual([]);
    expect(items.map((i) => i.line)).toEqual([3, 7]);
    expect(items[0].doc).toMatchObject({
      winlog: { event_id: "1", computer_name: "W6", event_data: { Image: "C:\\a & b.exe", RuleName: "-" } },
    });
    expect(items[1].doc).toMatchObject({ winlog: { event_id: "3", computer_name: "W5" } });
  });

  it("reports a malformed event and keeps reading", async () => {
    const items = await read(file("bad.xml", `<Events>${event(1, "A")}<Event><System></Oops></Event>${event(3, "B")}</Events>`));
    expect(docs(items)).toHaveLength(2);
    expect(errors(items)).toEqual([expect.objectContaining({ error: expect.stringMatching(/^invalid event XML/) })]);
  });

  it("reads every entry of a zip by its own name", async () => {
    const zip = zipSync({
      "a.ndjson": strToU8('{"a":1}\n{"a":2}\n'),
      "dir/b.xml": strToU8(event(1, "W6")),
      "c.json": strToU8('[{"c":1}]'),
    });
    const p = file("bundle.zip", zip);
    const items = await read(p);
    expect(errors(items)).toEqual([]);
    expect(items.map((i) => i.source)).toEqual([`${p}!a.ndjson`, `${p}!a.ndjson`, `${p}!dir/b.xml`, `${p}!c.json`]);
    expect(docs(items)).toHaveLength(4);
  });

  it("decompresses .gz and reads it by the inner name", async () => {
    const items = await read(file("events.ndjson.gz", gzipSync(strToU8('{"a":1}\nnot json\n{"a":2}\n'))));
    expect(docs(items)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(errors(items)).toEqual([expect.objectContaining({ line: 2 })]);
    expect(docs(await read(file("events.xml.gz", gzipSync(strToU8(event(1, "W6"))))))).toHaveLength(1);
  });

  it("recognizes content when the name does not tell", async () => {
    expect(docs(await read(file("export.log", `\uFEFF  ${event(1, "W6")}`)))).toHaveLength(1);
    expect(docs(await read(file("events.txt", '{"a":1}\n{"a":2}')))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("reports a corrupt archive and an unreadable file as errors", async () => {
    const corrupt = await read(file("broken.gz", new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8])));
    expect(errors(corrupt).length).toBeGreaterThan(0);
    const missing = await read(path.join(dir, "missing.json"));
    expect(missing).toEqual([expect.objectContaining({ line: null, error: expect.stringMatching(/^cannot read/) })]);
  });

  it("reads UTF-16 text with a byte-order mark", async () => {
    const body = Buffer.from('\uFEFF{"a":"é"}\n', "utf16le");
    expect(docs(await read(file("u16.ndjson", body)))).toEqual([{ a: "é" }]);
  });
});

describe("corrupt archives", () => {
  it("a corrupt .gz is reported once as invalid gzip data, without throwing", async () => {
    const good = gzipSync(strToU8('{"a":1}\n{"a":2}\n'));
    const bad = new Uint8Array([...good.slice(0, 10), ...new Array(50).fill(0xff)]); // a valid header, a garbage deflate stream
    const items = await read(file("broken.ndjson.gz", bad));
    expect(errors(items).map((e) => e.error)).toEqual([expect.stringMatching(/^invalid gzip data: /)]);
  });

  it("a zip whose entry data is corrupt is reported, and reading ends without throwing", async () => {
    const good = zipSync({ "events.ndjson": strToU8('{"a":1}\n'.repeat(200)) });
    const bad = new Uint8Array(good);
    for (let i = 40; i < 80; i++) bad[i] = 0xff; // inside the first entry's compressed data
    const items = await read(file("broken.zip", bad));
    expect(errors(items).length).toBeGreaterThan(0);
    expect(errors(items)[0].error).toMatch(/invalid zip archive|cannot decompress|cannot read|malformed/);
  });
});
