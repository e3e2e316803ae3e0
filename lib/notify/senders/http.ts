import type { SendResult } from "../types";

/** POSTs a JSON body; 2xx is success, anything else (redirects included) a failure with the answer kept. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", "user-agent": "Lateral-Notifications/1", ...headers },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await readSome(res, timeoutMs);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, response: text, durationMs: Date.now() - started };
  } catch (err) {
    return { ok: false, status: null, response: describeError(err, timeoutMs), durationMs: Date.now() - started };
  }
}

async function readSome(res: Response, timeoutMs: number): Promise<string> {
  try {
    const text = await Promise.race([res.text(), new Promise<string>((r) => setTimeout(() => r(""), timeoutMs).unref())]);
    return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
  } catch {
    return "";
  }
}

export function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${timeoutMs / 1000} s (timeout)`;
  const code = e?.cause?.code ?? e?.code;
  const message = e?.cause?.message ?? e?.message ?? String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
