// Type declarations for the bouncekit package's entry point.
//
//   import { ready, classifyBounce, bounceCatalog } from "bouncekit";

import type { BounceReport } from "./widget.js";

export type { BounceReport, BounceRecipient } from "./widget.js";

/** Resolves when bounce.wasm is loaded; rejects if it cannot be. */
export declare const ready: Promise<void>;

/**
 * Classifies a bounce message or SMTP reply text: the report of
 * `bounce classify -json`, without `source`. Throws an Error for a
 * non-string argument, or for input over a limit (16 MiB of UTF-8,
 * 10,000 recipients, MIME nested 32 deep). Call after `await ready`.
 */
export declare function classifyBounce(text: string): BounceReport;

/** A catalog entry, as `bounce catalog -json` prints it. */
export interface BounceCatalogEntry {
  id: string;
  provider: string;
  reason: string;
  class: "permanent" | "temporary" | "success" | "unknown";
  reply_codes?: number[];
  statuses?: string[];
  texts?: string[];
  explanation: string;
  action: string;
  who_acts: string;
  retry: string;
  sources?: { id: string; title: string; url?: string }[];
  [field: string]: unknown;
}

/**
 * Catalog entries matching a query: an enhanced status code ("5.7.26"), a
 * reply code ("550") or words ("DMARC"); every entry when the query is
 * empty. Call after `await ready`.
 */
export declare function bounceCatalog(query?: string): BounceCatalogEntry[];
