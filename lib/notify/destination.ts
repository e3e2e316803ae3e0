import type { DestinationSecrets } from "./secrets";
import type { DestinationKind } from "./types";

/** A destination as the worker and "Send a test" use it: its configuration and decrypted secrets. */
export interface WebhookConfig { url: string; headerNames: string[] }
export interface ChatConfig { urlHost: string }
export interface SyslogConfig { host: string; port: number; tls: boolean; ca: string | null; rejectUnauthorized: boolean; facility: number; hostname: string | null }
export interface EmailConfig { host: string; port: number; security: "none" | "starttls" | "tls"; rejectUnauthorized: boolean; from: string; to: string[]; username: string | null; hasPassword: boolean }

export type DestinationConfig = WebhookConfig | ChatConfig | SyslogConfig | EmailConfig;

export interface LoadedDestination {
  id: string;
  name: string;
  kind: DestinationKind;
  config: DestinationConfig;
  secrets: DestinationSecrets;
}
