// The network page: draws the graph with cytoscape and reloads it when the filters or the focus
// change. The server decides what is drawn (the cluster's ecosystem with the rest counted per kind,
// or one organisation's neighbourhood with "N more" nodes): the script never lays out thousands.
// Every text a person reads comes from the page (translated there); colours come from
// network.css custom properties, so that the graph and its legend agree.
(() => {
  "use strict";

  const COSE_LIMIT = 400; // a force-directed layout beyond this many nodes is too slow
  const DEBOUNCE_MS = 350;
  const FOCUS_RESULTS = 8;

  function start() {
    const page = document.getElementById("network-page");
    const form = document.getElementById("network-filters");
    const container = document.getElementById("network-canvas");
    if (!page || !form || !container) return;
    const details = document.getElementById("node-details");
    const pickerBlock = document.getElementById("network-picker");
    const picker = document.getElementById("network-pick");
    const overview = document.getElementById("network-overview");
    const panels = document.getElementById("network-panels");
    const status = document.getElementById("network-status");
    const focusBlock = document.getElementById("network-focus");
    const focusSearch = document.getElementById("network-focus-q");
    const focusResults = document.getElementById("network-focus-results");
    const focusField = document.getElementById("network-focus-id");
    const styles = getComputedStyle(page);
    const css = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;

    let cy = null;
    let data = null;
    let nodesById = new Map();
    let controller = null;
    let loadedQuery = currentQuery();
    let timer = null;
    let searchTimer = null;
    let searchController = null;

    function currentQuery() {
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
      }
      return params.toString();
    }

    function graphStyle(nodes, edges) {
      const maxDegree = Math.max(1, ...nodes.map((n) => n.degree));
      const rules = [
        {
          selector: "node",
          style: {
            "background-color": css("--kind-other", "#9ca3af"),
            width: `mapData(degree, 0, ${maxDegree}, 14, 56)`,
            height: `mapData(degree, 0, ${maxDegree}, 14, 56)`,
            "border-width": 1,
            "border-color": css("--node-border", "#fff"),
            label: "data(label)",
            color: css("--label-color", "#1f2937"),
            "font-size": 10,
            "min-zoomed-font-size": 8,
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-wrap": "ellipsis",
            "text-max-width": "120px",
            "text-background-color": "#fff",
            "text-background-opacity": 0.7,
            "text-background-padding": "1px",
          },
        },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "curve-style": "bezier",
            "line-color": css("--link-member_of-color", "#94a3b8"),
            "target-arrow-shape": "triangle",
            "target-arrow-color": css("--link-member_of-color", "#94a3b8"),
            "arrow-scale": 0.7,
            opacity: 0.8,
          },
        },
      ];
      for (const kind of new Set(nodes.map((n) => n.kind))) {
        rules.push({ selector: `node[kind = "${kind}"]`, style: { "background-color": css(`--kind-${kind}`, "#9ca3af") } });
      }
      for (const kind of new Set(edges.map((e) => e.kind))) {
        const color = css(`--link-${kind}-color`, "#94a3b8");
        rules.push({
          selector: `edge[kind = "${kind}"]`,
          style: { "line-color": color, "target-arrow-color": color, "line-style": css(`--link-${kind}-style`, "solid") },
        });
      }
      rules.push(
        {
          selector: "node.aggregate",
          style: {
            shape: "round-rectangle",
            width: "mapData(size, 1, 5, 40, 110)",
            height: "mapData(size, 1, 5, 28, 60)",
            "background-opacity": 0.35,
            "border-width": 2,
            "border-style": "dotted",
            "border-color": css("--isolated-border", "#374151"),
            "text-valign": "center",
            "text-margin-y": 0,
            "text-wrap": "wrap",
            "font-size": 11,
          },
        },
        { selector: "edge.aggregate", style: { width: "mapData(count, 1, 20, 1.5, 6)", "line-style": "dotted", "target-arrow-shape": "none", opacity: 0.6 } },
        { selector: "node.focus", style: { "border-width": 5, "border-color": css("--selected-border", "#facc15") } },
        { selector: "node.isolated", style: { "border-width": 2, "border-style": "dashed", "border-color": css("--isolated-border", "#374151") } },
        { selector: "node.bridge", style: { "border-width": 4, "border-color": css("--bridge-border", "#111827") } },
        { selector: "node:selected", style: { "border-width": 5, "border-color": css("--selected-border", "#facc15") } },
        { selector: "edge.highlighted", style: { width: 3, opacity: 1 } },
        { selector: ".faded", style: { opacity: 0.15 } },
      );
      return rules;
    }

    function layoutFor(count) {
      if (count <= COSE_LIMIT) {
        return {
          name: "cose",
          animate: false,
          randomize: true,
          nodeDimensionsIncludeLabels: true,
          nodeRepulsion: () => 12000,
          idealEdgeLength: () => 90,
          componentSpacing: 80,
          padding: 20,
        };
      }
      return { name: "concentric", animate: false, concentric: (node) => node.data("degree"), levelWidth: () => 2, minNodeSpacing: 8, padding: 20 };
    }

    function draw(next) {
      data = next;
      if (focusField) focusField.value = data.focus ? String(data.focus.id) : "";
      nodesById = new Map(data.nodes.map((n) => [String(n.id), n]));
      hideDetails();
      fillPicker();
      if (typeof window.cytoscape !== "function") return;
      const focusId = data.focus ? String(data.focus.id) : null;
      const elements = [
        ...data.nodes.map((n) => ({
          group: "nodes",
          data: { id: String(n.id), label: n.name, kind: n.kind, degree: n.degree },
          classes: [n.isolated ? "isolated" : "", n.bridge ? "bridge" : "", String(n.id) === focusId ? "focus" : ""].join(" ").trim(),
        })),
        ...(data.aggregates || []).map((a) => ({
          group: "nodes",
          data: {
            id: a.id,
            label: a.kind ? `${a.label}\n${a.count.toLocaleString()}` : a.label,
            kind: a.kind || "other",
            degree: 0,
            size: Math.max(1, Math.log10(a.count + 1)),
            aggregate: true,
            of: a.of,
          },
          classes: "aggregate",
        })),
        ...(data.aggregate_links || []).map((l, index) => ({
          group: "edges",
          data: { id: `aggregate-link-${index}`, source: l.source, target: l.target, count: l.count },
          classes: "aggregate",
        })),
        ...data.edges.map((e) => ({
          group: "edges",
          data: { id: `link-${e.id}`, source: String(e.source), target: String(e.target), kind: e.kind },
        })),
      ];
      if (cy) cy.destroy();
      cy = window.cytoscape({
        container,
        elements,
        style: graphStyle(data.nodes, data.edges),
        layout: layoutFor(data.nodes.length),
        minZoom: 0.05,
        maxZoom: 4,
        selectionType: "single",
        boxSelectionEnabled: false,
      });
      cy.on("tap", "node", (event) => {
        const target = event.target;
        if (!target.data("aggregate")) return showDetails(target.id(), false);
        // An aggregate opens what it counts: the kind as a filter, or the organisation it hangs from.
        if (target.data("of")) return focusOn(String(target.data("of")));
        const box = form.querySelector(`input[name="kind"][value="${target.data("kind")}"]`);
        if (box) {
          box.checked = true;
          load();
        }
      });
      if (focusId && cy.getElementById(focusId).nonempty()) showDetails(focusId, false);
      cy.on("tap", (event) => {
        if (event.target === cy) hideDetails();
      });
    }

    function fillPicker() {
      if (!picker || !pickerBlock) return;
      while (picker.options.length > 1) picker.remove(1);
      const sorted = [...data.nodes].sort((a, b) => a.name.localeCompare(b.name));
      for (const node of sorted) picker.add(new Option(node.name, String(node.id)));
      picker.value = "";
      pickerBlock.hidden = data.nodes.length === 0;
    }

    function slot(name) {
      return details.querySelector(`[data-slot="${name}"]`);
    }

    function nodeButton(id) {
      const node = nodesById.get(String(id));
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = node ? node.name : String(id);
      button.addEventListener("click", () => showDetails(String(id), true));
      return button;
    }

    function showDetails(id, moveFocus) {
      const node = nodesById.get(String(id));
      if (!node || !details) return;
      slot("name").textContent = node.name;
      slot("kind").textContent = node.kind_label;
      slot("url").href = node.url;
      slot("bridge").hidden = !node.bridge;
      slot("isolated").hidden = !node.isolated;
      slot("count").textContent = String(node.links);
      const list = slot("links");
      list.replaceChildren();
      const mine = data.edges.filter((e) => String(e.source) === String(id) || String(e.target) === String(id));
      for (const edge of mine) {
        const item = document.createElement("li");
        const subject = String(edge.source) === String(id) ? document.createTextNode(node.name) : nodeButton(edge.source);
        const object = String(edge.target) === String(id) ? document.createTextNode(node.name) : nodeButton(edge.target);
        item.append(subject, ` ${edge.kind_label} `, object);
        if (edge.project) item.append(` (${edge.project})`);
        list.append(item);
      }
      slot("no-links").hidden = mine.length > 0;
      const isolated =
        data.isolated.find((actor) => String(actor.id) === String(id)) ||
        (data.focus && String(data.focus.id) === String(id) ? data.focus : null);
      const suggestions = slot("suggestions");
      suggestions.replaceChildren();
      for (const suggestion of isolated ? isolated.suggestions : []) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = suggestion.url;
        link.textContent = suggestion.name;
        item.append(link);
        const shared = [...suggestion.shared_fields, ...suggestion.shared_stages].join(", ");
        if (shared) {
          const small = document.createElement("small");
          small.textContent = ` (${shared})`;
          item.append(small);
        }
        suggestions.append(item);
      }
      slot("suggestions-block").hidden = suggestions.children.length === 0;
      const focusButton = details.querySelector('[data-action="focus"]');
      if (focusButton) {
        focusButton.dataset.id = String(id);
        focusButton.hidden = Boolean(data.focus && String(data.focus.id) === String(id));
      }
      details.hidden = false;
      if (cy) {
        cy.elements().removeClass("faded highlighted");
        const element = cy.getElementById(String(id));
        if (element.nonempty()) {
          cy.$(":selected").unselect();
          element.select();
          const neighbourhood = element.closedNeighborhood();
          cy.elements().not(neighbourhood).addClass("faded");
          neighbourhood.edges().addClass("highlighted");
          if (moveFocus) cy.animate({ center: { eles: element }, duration: 300 });
        }
      }
      if (picker) picker.value = String(id);
      if (moveFocus) details.focus();
    }

    function focusOn(id) {
      if (!focusField) return;
      focusField.value = id;
      if (focusResults) focusResults.replaceChildren();
      load();
    }

    function filterParams() {
      // The focus search looks among the organisations of the current filters.
      const params = new URLSearchParams();
      for (const [name, value] of new FormData(form)) {
        if (["q", "focus", "depth"].includes(name)) continue;
        if (typeof value === "string" && value.trim() !== "") params.append(name, value.trim());
      }
      return params;
    }

    async function searchFocus() {
      const text = focusSearch.value.trim();
      if (searchController) searchController.abort();
      if (!text) {
        focusResults.replaceChildren();
        return;
      }
      searchController = new AbortController();
      const params = filterParams();
      params.set("q", text);
      params.set("limit", String(FOCUS_RESULTS));
      try {
        const response = await fetch(`${focusBlock.dataset.searchUrl}?${params}`, {
          headers: { Accept: "application/json" },
          signal: searchController.signal,
        });
        const found = await response.json();
        focusResults.replaceChildren();
        for (const organisation of found.items || []) {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "secondary outline";
          button.textContent = organisation.name;
          button.addEventListener("click", () => {
            focusSearch.value = organisation.name;
            focusOn(String(organisation.id));
          });
          item.append(button);
          focusResults.append(item);
        }
        if (!focusResults.children.length) {
          const item = document.createElement("li");
          item.textContent = focusBlock.dataset.none || "";
          focusResults.append(item);
        }
      } catch (error) {
        if (error.name !== "AbortError") focusResults.replaceChildren();
      }
    }

    function hideDetails() {
      if (details) details.hidden = true;
      if (cy) {
        cy.elements().removeClass("faded highlighted");
        cy.$(":selected").unselect();
      }
    }

    async function load() {
      const query = currentQuery();
      if (query === loadedQuery) return;
      loadedQuery = query;
      if (controller) controller.abort();
      controller = new AbortController();
      container.setAttribute("aria-busy", "true");
      status.textContent = "";
      const url = `${page.dataset.dataUrl}?${query ? `${query}&` : ""}fragments=1`;
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal });
        const next = await response.json();
        if (next.fragments) {
          overview.innerHTML = next.fragments.overview;
          panels.innerHTML = next.fragments.panels;
        }
        draw(next);
        history.replaceState(history.state, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
      } catch (error) {
        if (error.name === "AbortError") return;
        loadedQuery = null;
        status.textContent = page.dataset.error || "";
      } finally {
        container.removeAttribute("aria-busy");
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      load();
    });
    form.addEventListener("change", () => load());
    form.addEventListener("input", (event) => {
      if (event.target.type !== "search") return;
      clearTimeout(timer);
      timer = setTimeout(load, DEBOUNCE_MS);
    });
    if (picker) {
      picker.addEventListener("change", () => {
        if (picker.value) showDetails(picker.value, true);
        else hideDetails();
      });
    }
    if (focusBlock && focusSearch && focusResults) {
      focusBlock.hidden = false;
      focusSearch.addEventListener("input", () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(searchFocus, DEBOUNCE_MS);
      });
      focusSearch.addEventListener("keydown", (event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        const first = focusResults.querySelector("button");
        if (first) first.click();
      });
    }
    overview.addEventListener("click", (event) => {
      if (!event.target.closest("#network-overview-link") || !focusField) return;
      event.preventDefault();
      focusField.value = "";
      load();
    });
    if (details) {
      const focusButton = details.querySelector('[data-action="focus"]');
      if (focusButton) focusButton.addEventListener("click", () => focusOn(focusButton.dataset.id));
      details.querySelector('[data-action="close"]').addEventListener("click", () => {
        hideDetails();
        if (picker && !pickerBlock.hidden) picker.focus();
      });
      details.addEventListener("keydown", (event) => {
        if (event.key === "Escape") hideDetails();
      });
    }

    const embedded = document.getElementById("network-data");
    if (embedded) draw(JSON.parse(embedded.textContent));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
