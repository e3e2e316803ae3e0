import { actorFromRequest, requirePermission, type Actor } from "../auth/actor";
import type { Permission } from "../auth/roles";
import { assertCleanParams, assertCleanQuery } from "./input";
import { assertSameOrigin } from "./request";
import { errorResponse } from "./respond";

/**
 * Wraps a route handler: finds the actor (API key or session cookie), checks the permission and,
 * for cookie-authenticated writes, the origin; refuses hostile path segments and query parameters
 * (lib/http/input.ts); maps every error to HTTP in one place.
 */
export interface HandlerContext<P> {
  req: Request;
  actor: Actor;
  params: P;
}

type RouteArgs<P> = { params: Promise<P> };

export function handler<P = Record<string, string>>(
  permission: Permission,
  fn: (ctx: HandlerContext<P>) => Promise<Response>,
) {
  return async (req: Request, args?: RouteArgs<P>): Promise<Response> => {
    try {
      const params = (args?.params ? await args.params : {}) as P;
      const actor = requirePermission(await actorFromRequest(req), permission);
      if (actor.kind === "user" && !["GET", "HEAD", "OPTIONS"].includes(req.method)) assertSameOrigin(req);
      assertCleanParams(params);
      assertCleanQuery(new URL(req.url));
      return await fn({ req, actor, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** A route anyone may call (health, sign-in): errors still map in one place. */
export function publicHandler<P = Record<string, string>>(fn: (ctx: { req: Request; params: P }) => Promise<Response>) {
  return async (req: Request, args?: RouteArgs<P>): Promise<Response> => {
    try {
      const params = (args?.params ? await args.params : {}) as P;
      assertCleanParams(params);
      assertCleanQuery(new URL(req.url));
      return await fn({ req, params });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
