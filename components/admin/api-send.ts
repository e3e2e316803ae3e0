/** Same-origin JSON calls from the admin pages; errors come back as the API's message. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

export async function apiSend<T = unknown>(url: string, method: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const data = await res.json().catch(() => null);
    if (!res.ok) return { ok: false, status: res.status, error: data?.error?.message ?? `Request failed (${res.status})` };
    return { ok: true, data: data as T };
  } catch {
    return { ok: false, status: 0, error: "Network error: the server could not be reached" };
  }
}
