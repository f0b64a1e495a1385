// Progressive enhancement only: every form also works as a plain POST without this file.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    const note = document.createElement("p");
    note.className = "small text-danger mb-0";
    note.setAttribute("role", "alert");
    note.textContent = event.detail.xhr.responseText || "The change could not be saved.";
    target.appendChild(note);
  }
});
