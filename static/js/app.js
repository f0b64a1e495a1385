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
