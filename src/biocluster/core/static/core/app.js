// Behaviour shared by every page; no inline scripts (the content security policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Facet checkboxes submit their form as soon as they change.
  document.body.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-autosubmit]");
    if (form && typeof form.requestSubmit === "function") form.requestSubmit();
  });
});
