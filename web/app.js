// The page's only script besides bounce.js: the UI itself is built by
// bounce.wasm. This applies the chosen theme (before the classifier loads,
// so the page never flashes in the other one) and reports a failure to
// load the classifier.
import { ready } from "./bounce.js";

const THEME_KEY = "bouncekit-theme";
const themes = ["light", "dark"];
const select = document.getElementById("theme");

function storedTheme() {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return themes.includes(t) ? t : "";
  } catch {
    return ""; // storage blocked: follow the system
  }
}

function applyTheme(t) {
  if (t) document.documentElement.dataset.theme = t;
  else delete document.documentElement.dataset.theme;
}

applyTheme(storedTheme());
if (select) {
  select.value = storedTheme();
  select.addEventListener("change", () => {
    const t = themes.includes(select.value) ? select.value : "";
    applyTheme(t);
    try {
      if (t) localStorage.setItem(THEME_KEY, t);
      else localStorage.removeItem(THEME_KEY);
    } catch {
      // storage blocked: the choice lasts for this visit
    }
  });
}

ready.catch((e) => {
  const status = document.getElementById("status");
  status.textContent = "The classifier could not start: " + e.message;
  status.classList.add("bk-error");
});
