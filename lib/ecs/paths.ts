/**
 * Nested-document helpers: dotted-path access, expansion of flat dotted keys into objects,
 * the depth limit, and removal of characters PostgreSQL jsonb cannot store.
 */
import { type Enrichment, isPlainObject, RejectError } from "./types";

export const MAX_DEPTH = 64;

type Obj = Record<string, unknown>;

/** Own property read (never reaches Object.prototype, so "__proto__" and "constructor" are plain keys). */
export function own(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Own property write that is safe for every key, including "__proto__". */
export function put(obj: Obj, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

// Paths are a small fixed set (ECS field names): split each once. Ingest calls these per field per event.
const SEGMENTS = new Map<string, string[]>();
function segmentsOf(path: string): string[] {
  let segs = SEGMENTS.get(path);
  if (!segs) {
    segs = path.split(".");
    if (SEGMENTS.size < 10_000) SEGMENTS.set(path, segs);
  }
  return segs;
}

/**
 * A reader for one fixed path, for hot loops over known ECS fields. When no segment names a
 * property of Object.prototype (no ECS field does), a plain property read of a plain object can
 * only find an own property, so the reader skips the own-property check; otherwise it is getPath.
 */
export function pathReader(path: string): (doc: Obj) => unknown {
  const segs = path.split(".");
  if (segs.some((s) => s in Object.prototype)) return (doc) => getPath(doc, path);
  if (segs.length === 1) {
    const [a] = segs;
    return (doc) => doc[a];
  }
  return (doc) => {
    let cur: unknown = doc;
    for (let i = 0; i < segs.length; i++) {
      if (typeof cur !== "object" || cur === null || Array.isArray(cur)) return undefined;
      cur = (cur as Obj)[segs[i]];
    }
    return cur;
  };
}

export function getPath(doc: Obj, path: string): unknown {
  const segs = segmentsOf(path);
  let cur: unknown = doc;
  for (let i = 0; i < segs.length; i++) {
    if (!isPlainObject(cur)) return undefined;
    cur = own(cur, segs[i]);
  }
  return cur;
}

/** Sets a value, creating intermediate objects; a non-object in the way is a rejection (never overwritten). */
export function setPath(doc: Obj, path: string, value: unknown): void {
  const segs = segmentsOf(path);
  let cur = doc;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i];
    let next = own(cur, seg);
    if (next === undefined || next === null) {
      next = {};
      put(cur, seg, next);
    } else if (!isPlainObject(next)) {
      const at = segs.slice(0, i + 1).join(".");
      throw new RejectError(`cannot set ${path}: field "${at}" holds a value, not an object`);
    }
    cur = next as Obj;
  }
  put(cur, segs[segs.length - 1], value);
}

/** Removes a field; empty parent objects are removed too. */
export function deletePath(doc: Obj, path: string): void {
  const segs = path.split(".");
  const chain: Obj[] = [doc];
  for (const seg of segs.slice(0, -1)) {
    const next = own(chain[chain.length - 1], seg);
    if (!isPlainObject(next)) return;
    chain.push(next);
  }
  delete chain[chain.length - 1][segs[segs.length - 1]];
  for (let i = chain.length - 1; i > 0; i--) {
    if (Object.keys(chain[i]).length > 0) break;
    delete chain[i - 1][segs[i - 1]];
  }
}

/**
 * Depth of a JSON value: a primitive is 0, an object or array is 1 + the depth of its deepest member.
 * Stops counting past `limit`, so hostile inputs cannot exhaust the stack.
 */
/** What a document needs before it can be normalized, found in one walk (ingest's hot path). */
export interface DocumentShape {
  tooDeep: boolean;
  /** Some field name contains a dot (flat ECS keys to expand). */
  dotted: boolean;
  /** Some string or field name holds NUL or an unpaired surrogate. */
  unstorable: boolean;
}

const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

export function inspectDocument(value: unknown, limit = MAX_DEPTH): DocumentShape {
  const shape: DocumentShape = { tooDeep: false, dotted: false, unstorable: false };
  inspect(value, 1, limit, shape);
  return shape;
}

function isUnstorable(s: string): boolean {
  return MAYBE_UNSTORABLE.test(s) && clean(s) !== null;
}

// A module-level walk (no closures made per document): ingest runs it on every document.
function inspect(v: unknown, depth: number, limit: number, shape: DocumentShape): void {
  if (typeof v === "string") {
    if (!shape.unstorable && isUnstorable(v)) shape.unstorable = true;
    return;
  }
  if (typeof v !== "object" || v === null) return;
  if (depth > limit) {
    shape.tooDeep = true;
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      inspect(v[i], depth + 1, limit, shape);
      if (shape.tooDeep) return;
    }
    return;
  }
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (!shape.dotted && k.includes(".")) shape.dotted = true;
    if (!shape.unstorable && isUnstorable(k)) shape.unstorable = true;
    inspect((v as Obj)[k], depth + 1, limit, shape);
    if (shape.tooDeep) return;
  }
}

export function depthExceeds(value: unknown, limit = MAX_DEPTH): boolean {
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v !== "object" || v === null) return false;
    if (depth > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (walk(c, depth + 1)) return true;
    return false;
  };
  return walk(value, 1);
}

/**
 * Expands flat dotted keys into nested objects: {"process.name": "a"} and {"process": {"name": "a"}}
 * give the same document; both forms may be mixed. A field given twice, or both as a value and as an
 * object ("a": 1 with "a.b": 2), is a rejection.
 */
export function expandDottedKeys(input: Obj): Obj {
  const out: Obj = {};
  mergeInto(out, input, "");
  return out;
}

function expandValue(v: unknown, path: string): unknown {
  if (isPlainObject(v)) {
    const o: Obj = {};
    mergeInto(o, v, path);
    return o;
  }
  if (Array.isArray(v)) return v.map((e) => expandValue(e, path));
  return v;
}

function mergeInto(target: Obj, source: Obj, prefix: string): void {
  for (const key of Object.keys(source)) {
    const raw = source[key];
    if (raw === undefined) continue;
    let cur = target;
    let last = key;
    if (key.includes(".")) {
      const segs = key.split(".");
      if (segs.some((s) => s === "")) throw new RejectError(`field name "${prefix}${key}" has an empty segment`);
      for (let i = 0; i < segs.length - 1; i++) {
        const seg = segs[i];
        const existing = own(cur, seg);
        if (existing === undefined) {
          const o: Obj = {};
          put(cur, seg, o);
          cur = o;
        } else if (isPlainObject(existing)) {
          cur = existing;
        } else {
          throw new RejectError(`field "${prefix}${segs.slice(0, i + 1).join(".")}" has a value and also sub-fields ("${prefix}${key}")`);
        }
      }
      last = segs[segs.length - 1];
    } else if (key === "") {
      throw new RejectError(`field name "${prefix}" has an empty segment`);
    }
    // Scalars (the common case) need no path; objects and arrays carry it for error messages.
    const value = raw === null || typeof raw !== "object" ? raw : expandValue(raw, `${prefix}${key}.`);
    const existing = own(cur, last);
    if (existing === undefined) {
      put(cur, last, value);
    } else if (isPlainObject(existing) && isPlainObject(value)) {
      mergeInto(existing, value, `${prefix}${key}.`);
    } else if (isPlainObject(existing) || isPlainObject(value)) {
      throw new RejectError(`field "${prefix}${key}" has a value and also sub-fields`);
    } else {
      throw new RejectError(`field "${prefix}${key}" is given twice`);
    }
  }
}

const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(s: string): string | null {
  NUL_OR_LONE_SURROGATE.lastIndex = 0;
  if (!NUL_OR_LONE_SURROGATE.test(s)) return null;
  return s.replace(NUL_OR_LONE_SURROGATE, "\uFFFD");
}

/**
 * Replaces NUL characters and unpaired UTF-16 surrogates (which PostgreSQL jsonb rejects) with U+FFFD
 * in every string and field name, and records one enrichment per changed field.
 */
export function replaceUnstorableCharacters(value: unknown, enrichments: Enrichment[]): unknown {
  const reason =
    "NUL characters or unpaired surrogates replaced with U+FFFD: PostgreSQL cannot store them, and the rest of the value is kept as evidence";
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === "string") {
      const c = clean(v);
      if (c === null) return v;
      enrichments.push({ field: path, value: c, reason });
      return c;
    }
    if (Array.isArray(v)) return v.map((e) => walk(e, path));
    if (isPlainObject(v)) {
      const o: Obj = {};
      for (const k of Object.keys(v)) {
        const ck = clean(k);
        const childPath = path ? `${path}.${ck ?? k}` : (ck ?? k);
        if (ck !== null) enrichments.push({ field: childPath, value: "(field name)", reason });
        put(o, ck ?? k, walk(v[k], childPath));
      }
      return o;
    }
    return v;
  };
  return walk(value, "");
}
