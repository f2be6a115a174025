// Type declarations for widget.js, the <bounce-classifier> element.
//
//   import type { BounceReport, BounceClassifiedEvent } from "https://HOST/widget.js";

/** A report, the schema of `bounce classify -json` and POST /v1/classify. */
export interface BounceReport {
  kind: "reply" | "dsn" | "ndr" | "autoreply" | "feedback" | "not-bounce";
  format?: string;
  source?: string;
  original?: {
    subject?: string;
    message_id?: string;
    from?: string;
    to?: string;
    date?: string;
  };
  /** One per failed recipient; null when there is none. */
  recipients: BounceRecipient[] | null;
}

export interface BounceRecipient {
  /** The address; "" when the text gives none. */
  recipient: string;
  /** RFC 5321 reply code; 0 when absent. */
  reply_code: number;
  /** RFC 3463 enhanced status code ("5.1.1"); "" when absent. */
  status: string;
  class: "permanent" | "temporary" | "success" | "unknown";
  /** A reason name, e.g. "userunknown"; "undefined" when nothing matched. */
  reason: string;
  diagnostic: string;
  explanation: string;
  action: string;
  who_acts: string;
  retry: string;
  match: {
    /** Catalog entry ID; "" when none. */
    entry: string;
    provider: string;
    by: "text" | "lexicon" | "structure" | "status" | "reply" | "stage" | "none" | string;
    /** 0 to 1. */
    confidence: number;
    /** The exact input text that decided. */
    evidence: string;
    sources?: { id: string; title: string; url?: string }[];
  };
  dsn_action?: string;
  remote_mta?: string;
  reporting_mta?: string;
  command?: string;
  date?: string;
}

/** Fired on the element (bubbles, composed) after each classification shown. */
export type BounceClassifiedEvent = CustomEvent<BounceReport>;

export class BounceClassifier extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Reflects the text attribute; setting it classifies the text at once. */
  text: string;
  /** Compact cards (the default); false reflects as compact="false". */
  compact: boolean;
  /** Reflects the theme attribute; "auto" follows the host page's color-scheme. */
  theme: "light" | "dark" | "auto";
  /** URL of a classify API (POST, text/plain body); "" classifies in the browser. */
  endpoint: string;
  /**
   * Mask addresses, IPs and host names in what is shown: the cards, and
   * the paste box, which then shows the bounce masked, read-only (the
   * original comes back to edit when redact is removed). The report and
   * the bounce-classified event are not masked.
   */
  redact: boolean;
  /** The report shown, or null. */
  readonly report: BounceReport | null;
  /**
   * Classifies text, shows the result, fires bounce-classified and resolves
   * with the report. Rejects if the classifier cannot load or the endpoint
   * fails; throws a TypeError for a non-string. A text of 256K characters
   * or more is held out of the paste box (which shows its beginning,
   * read-only) and read in a Web Worker where one can run.
   */
  classify(text: string): Promise<BounceReport>;

  addEventListener<K extends keyof BounceClassifierEventMap>(
    type: K,
    listener: (this: BounceClassifier, ev: BounceClassifierEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

export interface BounceClassifierEventMap extends HTMLElementEventMap {
  "bounce-classified": BounceClassifiedEvent;
}

declare global {
  interface HTMLElementTagNameMap {
    "bounce-classifier": BounceClassifier;
  }
  interface HTMLElementEventMap {
    "bounce-classified": BounceClassifiedEvent;
  }
}
