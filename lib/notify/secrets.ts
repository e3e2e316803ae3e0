import crypto from "node:crypto";
import { AppError } from "../http/errors";
import { env } from "../env";

/**
 * Destination secrets (webhook signing secrets, custom header values, chat webhook URLs, SMTP
 * passwords) at rest: AES-256-GCM with the 32-byte key of NOTIFY_SECRET_KEY, a random 96-bit IV per
 * encryption, and the destination id as additional data (a blob copied to another row does not
 * decrypt). Stored as `v1:<base64(iv | tag | ciphertext)>`.
 */
export type DestinationSecrets = Record<string, string | Record<string, string>>;

export function secretKey(): Buffer {
  const raw = env().NOTIFY_SECRET_KEY;
  if (!raw) {
    throw new AppError(
      "unavailable",
      "NOTIFY_SECRET_KEY is not set: notification destinations keep their secrets encrypted with it (openssl rand -hex 32)",
    );
  }
  return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
}

export function encryptSecrets(destinationId: string, secrets: DestinationSecrets, key = secretKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(`lateral-notify:${destinationId}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecrets(destinationId: string, blob: string | null, key = secretKey()): DestinationSecrets {
  if (!blob) return {};
  if (!blob.startsWith("v1:")) throw new Error("unknown secret format");
  const raw = Buffer.from(blob.slice(3), "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(`lateral-notify:${destinationId}`));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8"));
  } catch {
    throw new Error("the destination's secrets cannot be decrypted with NOTIFY_SECRET_KEY (was the key changed?)");
  }
}
