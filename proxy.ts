import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page:
 * - a Content-Security-Policy with a fresh nonce per request: scripts run only when they carry the
 *   nonce (Next.js adds it to its own scripts), never inline or injected ones ('strict-dynamic', no
 *   'unsafe-inline' for scripts), and no other site may frame the app;
 * - pages need a session cookie (checked for real by the dashboard layout): without one the
 *   browser goes to the sign-in page. API routes authenticate themselves.
 * - a page path with a trailing slash answers 308 to the path without it (the framework's own
 *   trailing-slash redirect is off, so that API clients are never redirected; pages keep one URL).
 * The other security headers (nosniff, referrer policy, …) are set for every route in next.config.ts.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (pathname.length > 1 && pathname.endsWith("/")) {
    // A plain URL: NextURL would put the trailing slash back when it formats the address.
    const url = new URL(req.url);
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return NextResponse.redirect(url, 308);
  }
  if (!req.cookies.has("lateral_session") && pathname !== "/login") {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(req.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and tables set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|robots.txt).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
