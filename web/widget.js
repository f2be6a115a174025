// widget.js defines <bounce-classifier>, the bouncekit widget for other
// sites (support portals, helpdesks):
//
//   <script src="https://HOST/widget.js" type="module"></script>
//   <bounce-classifier></bounce-classifier>
//
// Each widget lives in its own shadow root, so the host page's CSS cannot
// reach inside and the widget's CSS cannot leak out. Until it is first used
// (text pasted or typed, the text attribute, or classify()) a widget is a
// paste area styled by a small constructed stylesheet, and nothing else is
// fetched. On first use it loads, from beside this file: bounce.js,
// wasm_exec.js and bounce.wasm (once per page, shared by every widget) and
// cards.css (the result cards, the same file the page uses). Results are
// rendered by the Go renderer inside bounce.wasm, as on the page.
//
// With an endpoint attribute the text is classified by that HTTP API
// (POST, text/plain) instead, and the returned report is rendered by the
// same Go renderer: bounce.wasm is still loaded, for rendering only.
//
// Attributes: text, compact ("false" for full cards), theme
// (light|dark|auto: auto follows the host page's color-scheme), endpoint, redact, hide-input. Method: classify(text),
// a Promise of the report. Event: bounce-classified, detail is the report.
// Types in widget.d.ts; the README ("The widget") has the CSP a host needs.

const base = new URL(".", import.meta.url);

// The engine: bounce.js and its bounce.wasm, imported once for the page.
// A failed load is forgotten, so a later use tries again.
let engine;
function loadEngine() {
  engine ??= import(new URL("bounce.js", base).href)
    .then(async (m) => {
      await m.ready;
      return m;
    })
    .catch((e) => {
      engine = undefined;
      throw e;
    });
  return engine;
}

// The shell: the widget before the cards arrive. Constructed stylesheets
// are made by script, so a host CSP needs no 'unsafe-inline' for them.
// The root element resets every inherited property (all: initial), so
// fonts, colours and spacing set on the host page do not reach inside.
// The colours are those of cards.css, so nothing shifts when it loads.
const SHELL = `
:host {
  display: block;
  --bk-bg: light-dark(#ffffff, #0d1117);
  --bk-fg: light-dark(#1b1f24, #e6edf3);
  --bk-muted: light-dark(#57606a, #9da7b3);
  --bk-line: light-dark(#d0d7de, #30363d);
  --bk-card: light-dark(#f6f8fa, #161b22);
  --bk-accent: light-dark(#0a58ca, #6cb6ff);
  --bk-focus: light-dark(#0a58ca, #6cb6ff);
  --bk-perm: light-dark(#b42318, #ff8a80);
  --bk-perm-bg: light-dark(#fdecea, #3b1518);
  --bk-temp: light-dark(#8a5a00, #f0c060);
  --bk-temp-bg: light-dark(#fff4d6, #3a2c08);
  --bk-ok: light-dark(#1a7f37, #7ee2a0);
  --bk-ok-bg: light-dark(#e6f4ea, #12301d);
  --bk-unknown: light-dark(#57606a, #b1bac4);
  --bk-unknown-bg: light-dark(#eef1f4, #21262d);
  --bk-mark: light-dark(#ffe066, #7a5c00);
  --bk-mark-fg: light-dark(#1b1f24, #fff8e1);
  --bk-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
:host([hidden]) { display: none; }
.bk-widget {
  all: initial;
  display: block;
  direction: ltr;
  color-scheme: inherit;
  font: var(--bk-font-size, 15px)/1.5 var(--bk-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--bk-fg, CanvasText);
  background: var(--bk-bg, Canvas);
  border: 1px solid var(--bk-line, GrayText);
  border-radius: var(--bk-radius, 8px);
  padding: 0.75em;
  text-align: start;
}
.bk-widget[data-theme=light] { color-scheme: light; }
.bk-widget[data-theme=dark] { color-scheme: dark; }
/* Nothing to show yet (no input, no status, no result): no empty box. */
.bk-widget:has(> .bk-form[hidden]):has(> .bk-status:empty):has(> .bk-out:empty) { display: none; }
.bk-widget * { box-sizing: border-box; }
.bk-widget :focus-visible { outline: 3px solid var(--bk-focus, Highlight); outline-offset: 2px; }
.bk-form[hidden] { display: none; }
.bk-label { display: block; font-weight: 600; margin: 0 0 0.25em; }
.bk-input {
  display: block; width: 100%; margin: 0; padding: 0.5em; resize: vertical;
  font: 0.875em/1.45 var(--bk-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  color: inherit; background: var(--bk-bg, Canvas);
  border: 1px solid var(--bk-line, GrayText); border-radius: 6px;
}
.bk-status { margin: 0.25em 0 0; color: var(--bk-muted, GrayText); font-size: 0.875em; }
.bk-status:empty { display: none; }
.bk-status.bk-error { color: var(--bk-perm, #b42318); }
.bk-out { container: bk-out / inline-size; }
.bk-out:empty { display: none; }
.bk-out > .bk-result > :first-child { margin-top: 0.5em; }
.bk-out > .bk-result > :last-child { margin-bottom: 0; }
`;
let shellSheet;
function shell() {
  if (!shellSheet) {
    shellSheet = new CSSStyleSheet();
    shellSheet.replaceSync(SHELL);
  }
  return shellSheet;
}

const TYPING_DELAY = 250; // ms of quiet before typed text is classified

export class BounceClassifier extends HTMLElement {
  static observedAttributes = ["text", "compact", "theme", "redact", "hide-input"];

  #root; // the .bk-widget element
  #form;
  #input;
  #status;
  #out;
  #styles; // Promise: cards.css loaded into this shadow root
  #seq = 0; // number of the latest classification; older ones do not render
  #typing;
  #pending = false; // a classification of the text attribute is queued
  #last; // {text, report} shown, for re-rendering when options change

  constructor() {
    super();
    const sr = this.attachShadow({ mode: "open" });
    sr.adoptedStyleSheets = [shell()];
    const el = (tag, cls, part) => {
      const e = document.createElement(tag);
      e.className = cls;
      if (part) e.setAttribute("part", part);
      return e;
    };
    this.#root = el("div", "bk-widget", "root");
    this.#form = el("div", "bk-form", "form");
    const label = el("label", "bk-label", "label");
    label.htmlFor = "bk-input";
    label.textContent = "Bounce message or SMTP error";
    this.#input = el("textarea", "bk-input", "input");
    this.#input.id = "bk-input";
    this.#input.rows = 4;
    this.#input.spellcheck = false;
    this.#input.autocomplete = "off";
    this.#input.placeholder = "Paste a bounce: 550 5.1.1 User unknown";
    this.#form.append(label, this.#input);
    this.#status = el("p", "bk-status", "status");
    this.#status.setAttribute("role", "status");
    this.#status.setAttribute("aria-live", "polite");
    this.#out = el("div", "bk-out", "output");
    this.#root.append(this.#form, this.#status, this.#out);
    sr.append(this.#root);

    this.#input.addEventListener("input", (e) => {
      clearTimeout(this.#typing);
      // A paste or a drop is classified at once (the text is in place by
      // now); typing waits for a pause.
      const now = e.inputType === "insertFromPaste" || e.inputType === "insertFromDrop";
      if (now) this.#fromInput();
      else this.#typing = setTimeout(() => this.#fromInput(), TYPING_DELAY);
    });
    this.#out.addEventListener("click", (e) => {
      const btn = e.target.closest?.(".bk-suppress");
      if (!btn) return;
      navigator.clipboard.writeText(btn.dataset.addresses).then(
        () => this.#say("Addresses copied."),
        () => this.#say("The browser did not allow copying.", true),
      );
    });
  }

  connectedCallback() {
    this.#theme();
    if (this.hasAttribute("text")) this.#queueText();
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    switch (name) {
      case "text":
        if (value !== null) this.#queueText();
        break;
      case "theme":
        this.#theme();
        break;
      case "hide-input":
        this.#form.hidden = value !== null;
        break;
      case "compact":
      case "redact":
        if (this.#last) this.#rerender();
        break;
    }
  }

  /** The text to classify; setting it classifies it at once. */
  get text() {
    return this.getAttribute("text") ?? "";
  }
  set text(v) {
    this.setAttribute("text", String(v));
  }
  /** Compact cards (the default): verdict, reason and action, the rest on demand. */
  get compact() {
    return (this.getAttribute("compact") ?? "").toLowerCase() !== "false";
  }
  set compact(v) {
    this.setAttribute("compact", v ? "" : "false");
  }
  /**
   * "light", "dark" or "auto" (the default): the color-scheme of the host
   * page, so a page that declares "light dark" gets the reader's preference
   * and a light-only page a light widget.
   */
  get theme() {
    const t = this.getAttribute("theme");
    return t === "light" || t === "dark" ? t : "auto";
  }
  set theme(v) {
    this.setAttribute("theme", v);
  }
  /** The URL of a classify API (POST /v1/classify); "" to classify locally. */
  get endpoint() {
    return this.getAttribute("endpoint") ?? "";
  }
  set endpoint(v) {
    if (v) this.setAttribute("endpoint", v);
    else this.removeAttribute("endpoint");
  }
  /** Mask addresses, IPs and host names in what is shown (not in the report). */
  get redact() {
    return this.hasAttribute("redact");
  }
  set redact(v) {
    this.toggleAttribute("redact", !!v);
  }
  /** The report shown, or null. */
  get report() {
    return this.#last?.report ?? null;
  }

  /**
   * classify classifies text, shows the result and resolves with the
   * report (the schema of `bounce classify -json`); it also fires
   * bounce-classified. It rejects when the classifier cannot load or the
   * endpoint fails. When a later call overtakes it, it still resolves with
   * its own report but shows and announces only the later one.
   */
  async classify(text) {
    if (typeof text !== "string") throw new TypeError("bounce: classify needs a string");
    const seq = ++this.#seq;
    if (this.#input.value !== text) this.#input.value = text;
    this.#say("Classifying…");
    try {
      const [m] = await Promise.all([loadEngine(), this.#loadStyles()]);
      const opts = { compact: this.compact, redact: this.redact };
      let report;
      if (this.endpoint) {
        report = await this.#remote(text);
        if (seq === this.#seq) m.bounceRenderReport(this.#out, report, { ...opts, text });
      } else if (seq === this.#seq) {
        report = m.bounceRender(this.#out, text, opts);
      } else {
        report = m.classifyBounce(text);
      }
      if (seq === this.#seq) {
        this.#last = { text, report };
        this.#say("");
        this.dispatchEvent(new CustomEvent("bounce-classified", { detail: report, bubbles: true, composed: true }));
      }
      return report;
    } catch (e) {
      if (seq === this.#seq) this.#say(e.message, true);
      throw e;
    }
  }

  async #remote(text) {
    const resp = await fetch(this.endpoint, {
      method: "POST",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
      body: text,
      credentials: "omit",
      referrerPolicy: "no-referrer",
    });
    const body = await resp.json().catch(() => null);
    if (!resp.ok) throw new Error(`bounce: ${this.endpoint}: ${body?.error?.message ?? resp.status}`);
    if (!body || !Array.isArray(body.recipients)) throw new Error(`bounce: ${this.endpoint}: not a report`);
    return body;
  }

  #rerender() {
    const { text, report } = this.#last;
    loadEngine().then((m) => m.bounceRenderReport(this.#out, report, { compact: this.compact, redact: this.redact, text }));
  }

  #fromInput() {
    const text = this.#input.value;
    if (text.trim() === "") {
      this.#seq++;
      this.#out.replaceChildren();
      this.#last = undefined;
      this.#say("");
      return;
    }
    this.classify(text).catch(() => {}); // shown in the status line
  }

  // The text attribute may be set by the parser, then seen by both
  // attributeChangedCallback and connectedCallback: classify once.
  #queueText() {
    if (this.#pending || !this.isConnected) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (this.hasAttribute("text")) this.classify(this.text).catch(() => {});
    });
  }

  #theme() {
    this.#root.dataset.theme = this.theme;
  }

  // cards.css in the shadow root, through a <link>, so a host CSP governs
  // it with style-src. Resolves when it has loaded (or failed: the cards
  // are still readable unstyled).
  #loadStyles() {
    this.#styles ??= new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL("cards.css", base).href;
      link.addEventListener("load", resolve, { once: true });
      link.addEventListener("error", resolve, { once: true });
      this.shadowRoot.prepend(link);
    });
    return this.#styles;
  }

  #say(msg, error = false) {
    this.#status.textContent = msg;
    this.#status.classList.toggle("bk-error", error);
  }
}

if (!customElements.get("bounce-classifier")) customElements.define("bounce-classifier", BounceClassifier);
