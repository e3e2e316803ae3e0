/**
 * The JSON text of a normalized document as stored (jsonb), built from the text the document was
 * parsed from where that gives the same value: the incoming text, then every top-level field
 * normalization changed (`NormalizedEvent.changed`) written again after it. jsonb, like JSON.parse,
 * keeps the last of duplicate keys, so `{"event":{"id":"a"},"host":{…},"event":{"id":"a","ingested":"…"}}`
 * stores exactly what JSON.stringify of the normalized document would have given, and only the
 * changed fields are serialized again.
 *
 * The incoming text is not reused (the whole document is serialized) when:
 * - the document was rebuilt (`changed` absent), or a top-level field was removed;
 * - it holds a number whose text JSON.stringify might write differently (a fraction, an exponent,
 *   more than 15 digits: jsonb keeps a number's text, JavaScript its value), found conservatively;
 * - it holds a raw tab or carriage return (JSON whitespace that JSON.stringify never writes; the
 *   COPY encoding relies on their absence).
 */
import type { NormalizedEvent } from "./types";

// A number token comes after ":", "," or "[" and before ",", "}" or "]" (JSON whitespace aside);
// one with a fraction, an exponent or 16 digits or more may be written differently by
// JSON.stringify. Text inside a string that looks like one ("a:1.5,") only costs a fallback, and a
// timestamp's "10:00:00.000Z" does not look like one.
const NOT_REUSABLE = /[\t\r]|[:,[]\s*-?(?:\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d{16,})\s*[,}\]]/;

export function docJson(e: NormalizedEvent, source?: string): string {
  const changed = e.changed;
  if (
    source === undefined ||
    changed === undefined ||
    source.charCodeAt(0) !== 0x7b /* { */ ||
    source.charCodeAt(source.length - 1) !== 0x7d /* } */ ||
    NOT_REUSABLE.test(source)
  ) {
    return JSON.stringify(e.doc);
  }
  let out = source.slice(0, -1);
  for (const key of changed) {
    if (!Object.hasOwn(e.doc, key)) return JSON.stringify(e.doc);
    const value = e.doc[key];
    out += "," + JSON.stringify(key) + ":" + JSON.stringify(value);
  }
  return out + "}";
}
