// The portal's own script: the "Explain" button hands the quoted bounce to
// the widget, and each classification tags the ticket, as a helpdesk
// integration would.
const widget = document.getElementById("ticket-widget");
const quoted = document.getElementById("quoted-bounce");
const tags = document.getElementById("ticket-tags");

document.getElementById("explain").addEventListener("click", () => {
  widget.classify(quoted.textContent).catch((e) => {
    tags.textContent = "classifier unavailable: " + e.message;
  });
});

// bounce-classified bubbles out of every widget on the page.
document.addEventListener("bounce-classified", (e) => {
  if (e.target !== widget) return;
  const r = e.detail.recipients?.[0];
  tags.textContent = r ? `bounce: ${r.class} · ${r.reason}` : "bounce: none found";
  tags.dataset.class = r?.class ?? "";
});
