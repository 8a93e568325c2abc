// Progressive enhancement only: every journey works without JavaScript.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Buttons marked data-print open the browser's print dialogue.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}

// Idle-timeout warning (accounts/timeout_warning.html): shown two minutes before the session would
// end; "Stay signed in" renews it without leaving the page. Each page load restarts the clock, as
// each request renews the session on the server.
const timeout = document.getElementById("fd-timeout");
if (timeout && typeof timeout.showModal === "function") {
  const idle = Number(timeout.dataset.idleSeconds) * 1000;
  const warning = Number(timeout.dataset.warningSeconds) * 1000;
  const countdown = timeout.querySelector("[data-timeout-countdown]");
  const form = timeout.querySelector("[data-keep-alive]");
  let deadline = Date.now() + idle;
  let warnTimer;
  let tick;
  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds > 60) return `${Math.ceil(seconds / 60)} minutes`;
    return seconds === 1 ? "1 second" : `${seconds} seconds`;
  };
  const expire = () => {
    window.clearInterval(tick);
    window.location.assign(`/accounts/login/?next=${encodeURIComponent(location.pathname + location.search)}`);
  };
  const showWarning = () => {
    countdown.textContent = words(deadline - Date.now());
    timeout.showModal();
    tick = window.setInterval(() => {
      const left = deadline - Date.now();
      if (left <= 0) expire();
      else countdown.textContent = words(left);
    }, 1000);
  };
  const schedule = () => {
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    deadline = Date.now() + idle;
    warnTimer = window.setTimeout(showWarning, Math.max(0, idle - warning));
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new FormData(form);
    body.delete("next");
    const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin" });
    if (response.status === 204) {
      timeout.close();
      schedule();
    } else {
      expire();
    }
  });
  schedule();
}

// Long text survives a timeout: what is typed into a form's text areas is kept in this tab's
// sessionStorage (gone when the tab closes) and put back when the same form is shown empty, e.g.
// after signing in again. It is dropped once the form has been sent and another page loads.
const DRAFT = "fd-draft:";
const PENDING = "fd-draft-pending";
const draftKey = (area) => `${DRAFT}${location.pathname}#${area.form.getAttribute("action") || ""}#${area.name}`;
const pending = sessionStorage.getItem(PENDING);
if (pending && !location.pathname.startsWith("/accounts/")) {
  sessionStorage.removeItem(PENDING);
  if (pending !== location.pathname) {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(`${DRAFT}${pending}#`)) sessionStorage.removeItem(key);
    }
  }
}
let restored = false;
for (const area of document.querySelectorAll("form[method=post] textarea[name]")) {
  const key = draftKey(area);
  const saved = sessionStorage.getItem(key);
  if (saved && !area.value.trim()) {
    area.value = saved;
    restored = true;
  }
  area.addEventListener("input", () => sessionStorage.setItem(key, area.value));
  area.form.addEventListener("submit", () => sessionStorage.setItem(PENDING, location.pathname));
}
if (restored) {
  const main = document.getElementById("main-content");
  const notice = document.createElement("div");
  notice.className = "govuk-inset-text";
  notice.id = "fd-draft-restored";
  notice.textContent = "We put back text you typed here before you were signed out. Check it, then save.";
  main.prepend(notice);
}
for (const form of document.querySelectorAll('form[action="/accounts/logout/"]')) {
  form.addEventListener("submit", () => {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(DRAFT) || key === PENDING) sessionStorage.removeItem(key);
    }
  });
}
