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
// A bounce of LARGE characters or more (a 2 MB NDR with the original
// attached) is held by the widget rather than laid out in its paste box,
// which shows its beginning, read-only, and it is classified in a Web
// Worker (bounce-worker.js, beside this file, with its own bounce.wasm):
// on the host page's origin directly, from another origin through a
// worker made from a blob: URL, which the host's CSP must allow
// (worker-src blob:). Where no worker can run, the widget classifies on
// the host page's main thread and says so.
//
// With redact, the paste box shows the bounce masked as the cards are,
// read-only; the widget holds the original, and gives it back to edit when
// redact is removed.
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
.bk-input[readonly] { border-style: dashed; background: var(--bk-card, Canvas); }
.bk-held-bar { display: flex; gap: 0.5em; align-items: baseline; margin: 0.25em 0 0; }
.bk-held-bar[hidden] { display: none; }
.bk-note { flex: 1; margin: 0; color: var(--bk-muted, GrayText); font-size: 0.875em; }
.bk-clear, .bk-trim { font: inherit; font-size: 0.875em; color: inherit; background: var(--bk-card, Canvas);
  border: 1px solid var(--bk-line, GrayText); border-radius: 6px; padding: 0.15em 0.6em; cursor: pointer; }
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

// LARGE is the length (in UTF-16 code units) from which a bounce is held
// out of the paste box and read in the worker: ui.LargeInput, the page's
// threshold. PREVIEW is how much of it the box shows (the page's 4K).
const LARGE = 256 << 10;
const PREVIEW = 4 << 10;

// The worker, shared by every widget on the page and started with the
// first large text. Each request has a number; the answer resolves it.
const off = { worker: undefined, broken: "", seq: 0, waiting: new Map() };

// startWorker starts bounce-worker.js. A worker script must have the host
// page's origin: from another origin the worker is a blob: URL (the host
// page's) that imports the widget's script, which then loads bounce.js and
// bounce.wasm from the widget's origin with CORS.
function startWorker() {
  if (typeof Worker !== "function") throw new Error("this browser has no Web Workers");
  const url = new URL("bounce-worker.js", base);
  const opts = { type: "module", name: "bouncekit-widget" };
  if (url.origin === location.origin) return new Worker(url, opts);
  // The import is dynamic: a worker's static imports are checked against
  // the host's worker-src, which would then need the widget's origin as
  // well as blob:, a dynamic one against script-src, which has it already.
  // Messages that come before it has loaded wait for it.
  const src = `const held = [], hold = (e) => held.push(e.data);
addEventListener("message", hold);
import(${JSON.stringify(url.href)}).then(() => {
  removeEventListener("message", hold);
  for (const data of held) dispatchEvent(new MessageEvent("message", { data }));
}, (e) => postMessage({ failed: String(e?.message ?? e) }));
`;
  const blob = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
  try {
    const w = new Worker(blob, opts);
    const revoke = () => URL.revokeObjectURL(blob);
    w.addEventListener("message", revoke, { once: true });
    w.addEventListener("error", revoke, { once: true });
    return w;
  } catch (e) {
    URL.revokeObjectURL(blob);
    throw e;
  }
}

// shareModule posts this page's compiled bounce.wasm to a new worker, which
// then neither downloads nor compiles it again (bounce-worker.js). Without
// it, or if it cannot be posted, the worker loads its own.
function shareModule(w) {
  const m = globalThis.bouncekitModule;
  if (typeof WebAssembly !== "object" || !(m instanceof WebAssembly.Module)) return;
  try {
    w.postMessage({ module: m });
  } catch {
    // DataCloneError: the worker compiles its own
  }
}

// workerFailed gives the worker up for this page visit: the texts it was
// reading are read on the main thread instead.
function workerFailed(why) {
  off.worker?.terminate();
  off.worker = undefined;
  off.broken = why || "the worker could not load";
  const waiting = [...off.waiting.values()];
  off.waiting.clear();
  for (const w of waiting) w.fallback();
}

// offMain classifies a large text in the worker: a Promise of
// {report, excerpt, lines, cut, path, note}, path "worker", or
// "main-fallback" (with a note saying why) when no worker can run.
function offMain(text) {
  return new Promise((resolve, reject) => {
    const here = () => {
      try {
        resolve({ ...readHere(text), path: "main-fallback", note: off.broken });
      } catch (e) {
        reject(e);
      }
    };
    if (!off.broken && !off.worker) {
      try {
        const w = startWorker();
        w.addEventListener("message", (e) => {
          const d = e.data ?? {};
          if (w !== off.worker) return;
          if (typeof d.failed === "string") return workerFailed("the classifier did not start in the worker: " + d.failed);
          const req = off.waiting.get(d.seq);
          if (!req) return;
          off.waiting.delete(d.seq);
          if (typeof d.error === "string") req.reject(new Error(d.error));
          else req.resolve({ report: d.report, excerpt: d.excerpt, lines: d.lines, cut: d.cut, path: "worker" });
        });
        w.addEventListener("error", (e) => {
          if (w === off.worker) {
            e.preventDefault();
            workerFailed(e.message || "");
          }
        });
        w.addEventListener("messageerror", () => w === off.worker && workerFailed("the worker's answer could not be read"));
        off.worker = w;
        shareModule(w);
      } catch (e) {
        off.broken = "the worker could not start: " + (e?.message ?? e);
      }
    }
    if (off.broken) return loadEngine().then(here, reject);
    const seq = ++off.seq;
    off.waiting.set(seq, { resolve, reject, fallback: () => loadEngine().then(here, reject) });
    // Posted in a task of its own: copying 2 MB to the worker takes 8-30
    // ms, which the paste's task (reading the clipboard, the box's new
    // text) need not wait for.
    const w = off.worker;
    setTimeout(() => w === off.worker && off.waiting.has(seq) && w.postMessage({ seq, text }), 0);
  });
}

// WARM is a short bounce that takes the path of a large one's drawing:
// a report from JavaScript, and lines of text with the deciding one marked.
const WARM = `Subject: Undelivered Mail Returned to Sender

<warm@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
    <warm@example.org>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)
`;
let warmed = false;

// warm draws WARM once, off screen, when the page is next idle after the
// classifier has loaded: the first drawing of a worker's answer otherwise
// pays for running that code for the first time (a report read from
// JavaScript, the excerpt's marks) inside the task that shows the verdict.
function warm(m) {
  if (warmed) return;
  warmed = true;
  const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 100));
  idle(() => {
    try {
      const report = m.classifyBounce(WARM);
      for (const compact of [true, false]) m.bounceRenderReport(document.createElement("div"), report, { compact, text: WARM });
    } catch {
      // only a warm-up
    }
  });
}

// readHere classifies a large text on the main thread, as the worker
// would: the report and the lines around its deciding text.
function readHere(text) {
  const r = globalThis.bouncekit.classifyExcerpt(text);
  if (r instanceof Error) throw r;
  return r;
}

// mask masks text as the cards of report mask it (bouncekit.redact).
function mask(text, report) {
  const r = globalThis.bouncekit?.redact?.(text, report ?? undefined);
  if (typeof r !== "string" && !(r instanceof Error)) throw new Error("bounce: the classifier is not loaded");
  if (r instanceof Error) throw r;
  return r;
}

// preview is the beginning of a large text, cut at a line end when one is
// near, without half of a surrogate pair.
function preview(text) {
  let s = text.slice(0, PREVIEW);
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  const nl = s.lastIndexOf("\n");
  return nl > s.length / 2 ? s.slice(0, nl) : s;
}

// grouped is n with its digits grouped by commas (23,019), as the page
// writes it. Not toLocaleString: its first call loads the browser's locale
// data, 60-210 ms on the main thread, the one long task of a large paste.
function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
}

// size is n characters as a size: "2.0 MB", "300 KB".
function size(n) {
  return n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + " MB" : Math.ceil(n / 1024) + " KB";
}

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
  #last; // {text, report, path, and excerpt, lines, cut for a large text} shown, for re-rendering
  #source; // the bounce, while the box shows a view of it (masked, or the beginning of a large one); else undefined
  #bar; // under the box while it is held: the note, Trim to edit and Clear
  #note;
  #trim;

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
    this.#bar = el("div", "bk-held-bar", "held");
    this.#bar.hidden = true;
    this.#note = el("p", "bk-note", "note");
    this.#note.id = "bk-note";
    const clear = el("button", "bk-clear", "clear");
    clear.type = "button";
    clear.textContent = "Clear";
    clear.addEventListener("click", () => {
      this.#clearAll();
      this.#input.focus();
    });
    this.#trim = el("button", "bk-trim", "trim");
    this.#trim.type = "button";
    this.#trim.textContent = "Trim to edit";
    this.#trim.hidden = true;
    this.#trim.addEventListener("click", () => this.#trimHeld());
    this.#bar.append(this.#note, this.#trim, clear);
    this.#form.append(label, this.#input, this.#bar);
    this.#status = el("p", "bk-status", "status");
    this.#status.setAttribute("role", "status");
    this.#status.setAttribute("aria-live", "polite");
    this.#out = el("div", "bk-out", "output");
    this.#root.append(this.#form, this.#status, this.#out);
    sr.append(this.#root);

    // A paste or a drop is taken by the widget (not laid out in the box)
    // when it is large, when the box holds a bounce (it replaces it), and
    // with redact (the box then shows it masked).
    const take = (e, data) => {
      const got = data?.types?.includes("text/plain") ? data.getData("text/plain") : undefined;
      if (got === undefined || (this.#source === undefined && got.length < LARGE && !this.redact)) return;
      e.preventDefault();
      clearTimeout(this.#typing);
      let text = got;
      if (this.#source === undefined && e.type === "paste") {
        // Into the text typed so far, where it was pasted.
        const b = this.#input;
        text = b.value.slice(0, b.selectionStart) + got + b.value.slice(b.selectionEnd);
      }
      this.#fromText(text);
    };
    this.#input.addEventListener("paste", (e) => take(e, e.clipboardData));
    this.#input.addEventListener("drop", (e) => take(e, e.dataTransfer));
    this.#input.addEventListener("input", (e) => {
      clearTimeout(this.#typing);
      // A large text that reached the box past the paste handler is taken
      // out of it at once, so that no key lays it out again.
      if (this.#input.value.length >= LARGE) return this.#fromText(this.#input.value);
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
      case "redact":
        this.#redactChanged();
        if (this.#last) this.#rerender();
        break;
      case "compact":
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
  /**
   * Mask addresses, IPs and host names in what is shown (not in the
   * report): the cards, and the paste box, which then shows the bounce
   * masked, read-only.
   */
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
    const large = text.length >= LARGE;
    if (large || this.redact) this.#source = text;
    else {
      this.#source = undefined;
      if (this.#input.value !== text) this.#input.value = text;
    }
    this.#showBox();
    const local = large && !this.endpoint;
    this.#out.dataset.path = local ? "pending" : "main";
    this.#say(local ? "Reading a large bounce…" : "Classifying…");
    try {
      const [m] = await Promise.all([loadEngine(), this.#loadStyles()]);
      if (seq === this.#seq) this.#showBox(); // it can be masked now
      let report, view;
      if (this.endpoint) {
        report = await this.#remote(text);
        view = { text, path: "endpoint" };
      } else if (local) {
        const r = await offMain(text);
        report = r.report;
        view = { excerpt: r.excerpt, lines: r.lines, cut: r.cut, path: r.path, note: r.note };
      } else if (seq === this.#seq) {
        report = m.bounceRender(this.#out, text, { compact: this.compact, redact: this.redact });
        view = { text, path: "main", drawn: true };
      } else {
        report = m.classifyBounce(text);
      }
      if (seq === this.#seq) {
        this.#last = { ...view, text, report };
        if (!view.drawn) this.#draw(m);
        this.#out.dataset.path = view.path;
        this.#showBox();
        warm(m);
        this.#say(view.note ? `Read on this page's main thread, which pauses it for a large bounce (${view.note}).` : "");
        this.dispatchEvent(new CustomEvent("bounce-classified", { detail: report, bubbles: true, composed: true }));
      }
      return report;
    } catch (e) {
      if (seq === this.#seq) {
        this.#out.dataset.path = "main";
        this.#say(e.message, true);
      }
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
    loadEngine().then((m) => this.#last && this.#draw(m));
  }

  // #draw shows #last: the cards, and under them the text, or for a large
  // one (read in the worker) the lines around its deciding text.
  #draw(m) {
    const { text, report, excerpt, lines, cut } = this.#last;
    const opts = { compact: this.compact, redact: this.redact };
    m.bounceRenderReport(this.#out, report, { ...opts, text: excerpt ?? text });
    const cap = this.#out.querySelector(".bk-source figcaption, .bk-source summary");
    if (cut && cap) {
      cap.textContent = `The lines of your bounce around the text that decided, marked (the bounce has ${grouped(lines)} lines; all of it is in the widget's memory)`;
    }
  }

  #fromInput() {
    this.#fromText(this.#input.value);
  }

  // #fromText classifies text, the widget's new input: held out of the box
  // (see classify) when it is large or masked.
  #fromText(text) {
    if (text.trim() === "") {
      this.#clearAll();
      return;
    }
    this.classify(text).catch(() => {}); // shown in the status line
  }

  // #clearAll empties the box (editable again) and the result.
  #clearAll() {
    clearTimeout(this.#typing);
    this.#seq++;
    this.#source = undefined;
    this.#input.value = "";
    this.#showBox();
    this.#out.replaceChildren();
    delete this.#out.dataset.path;
    this.#last = undefined;
    this.#say("");
  }

  // #trimHeld replaces a held large bounce, once read, by its beginning
  // and the lines around its deciding text: a few KB, editable.
  #trimHeld() {
    const t = this.#source, last = this.#last;
    if (t === undefined || t.length < LARGE || last?.text !== t || !last.cut) return;
    const text = globalThis.bouncekit?.trimmed?.(preview(t), last.excerpt);
    if (typeof text !== "string") return;
    this.#source = undefined;
    this.#input.value = text;
    this.#input.focus();
    this.classify(text).then(
      () => this.#say(`Trimmed to edit: the box holds the beginning of the ${size(t.length)} bounce and the lines around the text that decided (${size(text.length)}), marked where lines are left out.`),
      () => {},
    );
  }

  // #redactChanged follows the redact attribute in the box: the shown
  // bounce masked and held when it is set, the original back to edit when
  // it is removed (a large bounce stays held, its beginning unmasked).
  #redactChanged() {
    if (this.redact) {
      if (this.#source === undefined && this.#last && this.#input.value === this.#last.text) this.#source = this.#last.text;
    } else if (this.#source !== undefined && this.#source.length < LARGE) {
      this.#input.value = this.#source;
      this.#source = undefined;
    }
    this.#showBox();
  }

  // #showBox shows the held bounce in the box: read-only, its beginning
  // when it is large, masked as the cards are with redact (nothing until
  // the classifier that masks it has loaded), with a note that says so.
  #showBox() {
    const t = this.#source;
    const box = this.#input;
    if (t === undefined) {
      box.readOnly = false;
      box.removeAttribute("aria-describedby");
      this.#bar.hidden = true;
      this.#trim.hidden = true;
      return;
    }
    const large = t.length >= LARGE;
    const masked = this.redact;
    let view = large ? preview(t) : t;
    if (masked) {
      const report = this.#last?.text === t ? this.#last.report : null;
      try {
        view = mask(view, report);
      } catch {
        view = ""; // not loaded yet, or it failed: nothing rather than the original
      }
    }
    if (large) view += `\n\n[… the rest of this ${size(t.length)} bounce is held in memory, not shown here …]\n`;
    if (box.value !== view) box.value = view;
    box.readOnly = true;
    box.setAttribute("aria-describedby", "bk-note");
    const read = large && this.#last?.text === t && this.#last.cut;
    this.#trim.hidden = !read;
    const how = read
      ? "Paste to replace it, Trim to edit its beginning and the lines around the text that decided, or Clear to type."
      : "Paste to replace it, or Clear to type.";
    this.#note.textContent = large
      ? `This bounce is ${size(t.length)}: the box shows only its beginning${masked ? ", masked" : ""}, read-only, so that the page stays quick; the widget holds the whole text and reads all of it. ${how}`
      : `Addresses, IPs and host names are hidden: the box shows the bounce masked, read-only. ${how}`;
    this.#bar.hidden = false;
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
