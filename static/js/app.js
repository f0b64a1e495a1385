// Progressive enhancement only: every form also works as a plain POST without this file.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    const note = document.createElement("p");
    note.className = "small text-danger mb-0";
    note.setAttribute("role", "alert");
    note.textContent = event.detail.xhr.responseText || document.body.dataset.saveError;
    target.appendChild(note);
  }
});

// A status change swaps the whole card: put keyboard focus back on the control that was
// used, so keyboard and screen-reader users stay where they were.
let focusedId = null;
document.addEventListener("htmx:beforeRequest", () => {
  const active = document.activeElement;
  focusedId = active && active.id ? active.id : null;
});
document.addEventListener("htmx:afterSettle", () => {
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus();
    focusedId = null;
  }
});

// Forms marked data-warn-unsaved (the Scorecard's questions): a changed one says so beside its
// button, and leaving the page while any is changed asks first. A form saved by htmx is
// replaced by a clean one; a plain submit leaves the page on purpose.
function markUnsaved(form, changed) {
  form.dataset.unsaved = changed ? "true" : "";
  const note = form.querySelector(".unsaved-note");
  if (note) note.hidden = !changed;
}
for (const kind of ["input", "change"]) {
  document.addEventListener(kind, (event) => {
    const form = event.target.closest && event.target.closest("form[data-warn-unsaved]");
    if (form) markUnsaved(form, true);
  });
}
document.addEventListener("submit", (event) => {
  // A plain POST of a changed form saves it; the other changed forms still warn.
  const form = event.target;
  if (form.matches("form[data-warn-unsaved]:not([hx-post])")) markUnsaved(form, false);
});
window.addEventListener("beforeunload", (event) => {
  if (document.querySelector("form[data-warn-unsaved][data-unsaved='true']")) {
    event.preventDefault();
    event.returnValue = "";
  }
});
