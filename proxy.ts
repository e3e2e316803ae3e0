import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every page: pages need a session cookie (checked for real by the dashboard layout);
 * without one the browser goes to the sign-in page. API routes authenticate themselves.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (!req.cookies.has("lateral_session") && pathname !== "/login") {
    const url = req.nextUrl.clone();
    url.pathname = "/login";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|robots.txt).*)"],
};
