/**
 * Where the browser goes after signing in: `next` only when it is a path of this site after the
 * normalisation browsers apply, else DEFAULT_NEXT. Refused: anything not starting with one `/`;
 * `//host` and `/\host` (browsers read a backslash as a slash); control characters and whitespace
 * (browsers drop tabs and newlines, so `/<TAB>/host` would become `//host`); the same tricks
 * percent-encoded (`/%5Chost`, `/%2F/host`, `/%09/host`); malformed percent-encoding; schemes;
 * over-long values; and the sign-in page itself (a loop). What is kept is re-serialised by the URL
 * parser (pathname, query, fragment), never the raw string.
 */
export const DEFAULT_NEXT = "/alerts";
const MAX_LENGTH = 2048;
const FORBIDDEN_RAW = /[\u0000-\u0020\u007f-\u009f\\]/;
const FORBIDDEN_DECODED = /[\u0000-\u001f\u007f-\u009f\\]/; // an encoded space (a host name's) is fine
const BASE = "http://lateral.invalid";

export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next.length === 0 || next.length > MAX_LENGTH) return DEFAULT_NEXT;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return DEFAULT_NEXT;
  }
  for (const [form, forbidden] of [[next, FORBIDDEN_RAW], [decoded, FORBIDDEN_DECODED]] as const) {
    if (!form.startsWith("/") || form.startsWith("//") || forbidden.test(form)) return DEFAULT_NEXT;
  }
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== BASE) return DEFAULT_NEXT;
  if (url.pathname === "/login" || url.pathname.startsWith("/login/")) return DEFAULT_NEXT;
  const out = url.pathname + url.search + url.hash;
  return out.startsWith("//") ? DEFAULT_NEXT : out;
}
