// The network page: draws the graph with cytoscape and reloads it when the filters change.
// Every text a person reads comes from the page (translated there); colours come from
// network.css custom properties, so that the graph and its legend agree.
(() => {
  "use strict";

  const COSE_LIMIT = 300; // a force-directed layout beyond this many nodes is too slow
  const GRID_LIMIT = 1000; // concentric rings up to this many, a grid beyond
  const DEBOUNCE_MS = 350;

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
    const styles = getComputedStyle(page);
    const css = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;

    let cy = null;
    let data = null;
    let nodesById = new Map();
    let controller = null;
    let loadedQuery = currentQuery();
    let timer = null;

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
      if (count <= GRID_LIMIT) {
        return { name: "concentric", animate: false, concentric: (node) => node.data("degree"), levelWidth: () => 2, minNodeSpacing: 8, padding: 20 };
      }
      return { name: "grid", animate: false, avoidOverlap: true, padding: 20, sort: (a, b) => b.data("degree") - a.data("degree") };
    }

    function draw(next) {
      data = next;
      nodesById = new Map(data.nodes.map((n) => [String(n.id), n]));
      hideDetails();
      fillPicker();
      if (typeof window.cytoscape !== "function") return;
      const elements = [
        ...data.nodes.map((n) => ({
          group: "nodes",
          data: { id: String(n.id), label: n.name, kind: n.kind, degree: n.degree },
          classes: [n.isolated ? "isolated" : "", n.bridge ? "bridge" : ""].join(" ").trim(),
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
      cy.on("tap", "node", (event) => showDetails(event.target.id(), false));
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
      const isolated = data.isolated.find((actor) => String(actor.id) === String(id));
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
    if (details) {
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
