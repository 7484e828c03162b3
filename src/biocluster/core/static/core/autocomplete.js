// Searchable pickers (core/widgets.py): a select[data-autocomplete-url] lists only its chosen
// options; Tom Select asks the address for the others as the person types. The server ranks
// the matches (accents ignored), so the picker shows them in its order, unfiltered.
(() => {
  const MIN_LENGTH = 2;

  function message(text) {
    const div = document.createElement("div");
    div.className = "no-results";
    div.textContent = text;
    return div;
  }

  function enhance(root) {
    root.querySelectorAll("select[data-autocomplete-url]").forEach((select) => {
      if (select.tomselect || typeof TomSelect === "undefined") return;
      const url = select.dataset.autocompleteUrl;
      const picker = new TomSelect(select, {
        valueField: "value",
        labelField: "text",
        searchField: [],
        maxOptions: null,
        loadThrottle: 250,
        placeholder: select.dataset.placeholder,
        plugins: select.multiple ? ["remove_button"] : [],
        score: () => () => 1,
        shouldLoad: (query) => query.trim().length >= MIN_LENGTH,
        load(query, callback) {
          const address = `${url}${url.includes("?") ? "&" : "?"}q=${encodeURIComponent(query)}`;
          fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then((response) => (response.ok ? response.json() : { results: [] }))
            .then((data) => {
              // Forget the last search's matches (the chosen ones stay).
              picker.clearOptions();
              callback(data.results);
            })
            .catch(() => callback());
        },
        render: {
          no_results: () => message(select.dataset.noResults),
        },
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => enhance(document));
  document.addEventListener("htmx:load", (event) => enhance(event.target));
})();
