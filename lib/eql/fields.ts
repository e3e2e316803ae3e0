/** Reads a field of an ECS document: nested objects, flat dotted keys, or any mix of the two. */
export type FieldGetter = (doc: unknown) => unknown;

function collect(node: unknown, path: readonly string[], i: number, out: unknown[]): void {
  if (node === undefined || node === null) return;
  if (Array.isArray(node)) {
    for (const el of node) collect(el, path, i, out);
    return;
  }
  if (i === path.length) {
    out.push(node);
    return;
  }
  if (typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  let key = path[i];
  for (let j = i; j < path.length; j++) {
    if (j > i) key += "." + path[j];
    if (Object.prototype.hasOwnProperty.call(obj, key)) collect(obj[key], path, j + 1, out);
  }
}

/** Every value of the field, arrays flattened, nulls dropped (possibly objects: callers keep scalars). */
export function fieldValues(doc: unknown, path: readonly string[]): unknown[] {
  const out: unknown[] = [];
  collect(doc, path, 0, out);
  return out;
}

/**
 * A getter resolved once per field: returns undefined (missing), a single value, or an array of
 * values. The common shapes (`doc.a.b` nested, or `doc["a.b"]` flat) are read directly; anything
 * else (arrays of objects, partly flattened keys) goes through the general walk. A document holding
 * the same field both nested and flat is malformed: the nested value is read.
 */
export function fieldGetter(path: readonly string[]): FieldGetter {
  const flat = path.join(".");
  const slow = (doc: unknown): unknown => {
    const values = fieldValues(doc, path);
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  };
  if (path.length === 1) {
    const k = path[0];
    return (doc) => {
      const v = (doc as Record<string, unknown>)[k];
      return v === null ? undefined : v;
    };
  }
  const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (path.length === 2) {
    const [a, b] = path;
    return (doc) => {
      const d = doc as Record<string, unknown>;
      const o = d[a];
      if (isPlain(o)) {
        const v = o[b];
        if (v !== undefined && v !== null) return v;
      } else if (o === undefined) {
        const v = d[flat];
        if (v !== undefined && !isPlain(v)) return v === null ? undefined : v;
        if (v === undefined) return undefined;
      }
      return slow(doc);
    };
  }
  // Partly flattened top-level keys ("process.parent" holding {name}) need the general walk.
  const prefixes = path.slice(2, path.length).map((_, i) => path.slice(0, i + 2).join("."));
  return (doc) => {
    const d = doc as Record<string, unknown>;
    let o: unknown = d;
    for (let i = 0; i < path.length - 1; i++) {
      o = (o as Record<string, unknown>)[path[i]];
      if (!isPlain(o)) {
        o = undefined;
        break;
      }
    }
    if (o !== undefined) {
      const v = (o as Record<string, unknown>)[path[path.length - 1]];
      if (v !== undefined && v !== null) return v;
    } else if (d[path[0]] === undefined) {
      const v = d[flat];
      if (v === undefined) {
        for (let i = 0; i < prefixes.length; i++) if (d[prefixes[i]] !== undefined) return slow(doc);
        return undefined;
      }
      if (!isPlain(v)) return v === null ? undefined : v;
    }
    return slow(doc);
  };
}

function collectWithNulls(node: unknown, path: readonly string[], i: number, nullValue: unknown, out: unknown[]): void {
  if (node === undefined) return;
  if (node === null) {
    if (i === path.length) out.push(nullValue);
    return;
  }
  if (Array.isArray(node)) {
    for (const el of node) collectWithNulls(el, path, i, nullValue, out);
    return;
  }
  if (i === path.length) {
    out.push(node);
    return;
  }
  if (typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  let key = path[i];
  for (let j = i; j < path.length; j++) {
    if (j > i) key += "." + path[j];
    if (Object.prototype.hasOwnProperty.call(obj, key)) collectWithNulls(obj[key], path, j + 1, nullValue, out);
  }
}

/**
 * The getter of a field of the query: with a mapping's `null_value`, an explicit null (also inside an
 * array) reads as that value, as Elasticsearch indexes it; a missing field stays missing.
 */
export function fieldGetterOf(field: { path: readonly string[]; nullValue?: unknown }): FieldGetter {
  if (field.nullValue === undefined || field.nullValue === null) return fieldGetter(field.path);
  const { path, nullValue } = field;
  return (doc) => {
    const out: unknown[] = [];
    collectWithNulls(doc, path, 0, nullValue, out);
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  };
}
