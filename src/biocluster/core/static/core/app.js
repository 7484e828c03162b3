// Behaviour shared by every page; no inline scripts (the content security policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // Facet checkboxes submit their form as soon as they change.
  document.body.addEventListener("change", (event) => {
    const form = event.target.closest("form[data-autosubmit]");
    if (form && typeof form.requestSubmit === "function") form.requestSubmit();
  });
  // A page action carries the page's query as it is now (htmx may have changed it since the page loaded).
  document.body.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-keeps-query]");
    if (link) link.search = window.location.search;
  });
  // The menu button of narrow screens unfolds the site's menu.
  document.body.addEventListener("click", (event) => {
    const toggle = event.target.closest(".menu-toggle button");
    if (!toggle) return;
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    document.getElementById(toggle.getAttribute("aria-controls")).classList.toggle("open", open);
  });
});
