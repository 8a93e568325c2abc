// Passkeys (accounts/passkey_views.py): progressive enhancement. The forms marked data-passkey
// stay hidden without JavaScript or in a browser without passkeys; the code form still works.
const supported =
  typeof window.PublicKeyCredential === "function" &&
  typeof PublicKeyCredential.parseCreationOptionsFromJSON === "function";

const CANCELLED =
  "The passkey request was cancelled or timed out. Press the button to try again, or use the " +
  "code from your authenticator app.";
const BROKEN = "Something went wrong. Reload the page and try again.";

async function post(form, url, body) {
  const response = await fetch(url + window.location.search, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "Content-Type": "application/json",
      "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
    },
    body: JSON.stringify(body),
  });
  let answer;
  try {
    answer = await response.json();
  } catch {
    throw new Error(BROKEN);
  }
  if (!response.ok) throw new Error(answer.error || BROKEN);
  return answer;
}

async function ceremony(form) {
  const options = await post(form, form.dataset.begin, {});
  const credential =
    form.dataset.passkey === "add"
      ? await navigator.credentials.create({
          publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
        })
      : await navigator.credentials.get({
          publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
        });
  const done = await post(form, form.dataset.complete, credential.toJSON());
  window.location.assign(done.redirect);
}

for (const form of document.querySelectorAll("form[data-passkey]")) {
  if (!supported) continue;
  form.hidden = false;
  const error = form.querySelector("[data-passkey-error]");
  const button = form.querySelector("button");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      await ceremony(form);
    } catch (problem) {
      const cancelled = problem instanceof DOMException && problem.name === "NotAllowedError";
      error.querySelector("[data-passkey-message]").textContent = cancelled
        ? CANCELLED
        : problem.message || BROKEN;
      error.hidden = false;
      button.disabled = false;
      button.focus();
    }
  });
}
for (const note of document.querySelectorAll("[data-passkey-unsupported]")) {
  note.hidden = supported;
}
