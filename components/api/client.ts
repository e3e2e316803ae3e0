/**
 * The browser's one way to call the app's JSON API (same origin, session cookie). `apiFetch` throws
 * an `ApiError` with the API's `error.message`; `apiSend` answers a result instead, for forms that
 * show the message beside themselves. Never cached: every answer is the database's current state.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

export interface ApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiFetch<T>(url: string, init: ApiInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      cache: "no-store",
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError("Network error: the server could not be reached", 0);
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(data?.error?.message ?? `Request failed (${res.status})`, res.status, data?.error?.code ?? null);
  return data as T;
}

/** Like apiFetch, but a failure is a result (`{ ok: false, error }`); an abort still throws. */
export async function apiSend<T = unknown>(url: string, method: string, body?: unknown, signal?: AbortSignal): Promise<ApiResult<T>> {
  try {
    return { ok: true, data: await apiFetch<T>(url, { method, body, signal }) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, status: err.status, error: err.message };
    throw err;
  }
}
