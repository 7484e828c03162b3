// Calendar: click a free slot, or drag over several in one day, to open the booking form prefilled.
// No inline handlers (the content security policy forbids them): one set of listeners on the document,
// which also serves grids swapped in by htmx.
(() => {
  let selection = null; // {table, day, cells: [td]}

  const freeCell = (element) => element && element.closest && element.closest("table.calendar[data-book-url] td.free");

  const clear = () => {
    if (selection) selection.cells.forEach((cell) => cell.classList.remove("selected"));
  };

  const paint = (table, day, from, to) => {
    clear();
    const cells = Array.from(table.querySelectorAll(`td.free[data-day="${day}"]`));
    const a = cells.indexOf(from);
    const b = cells.indexOf(to);
    const [first, last] = a <= b ? [a, b] : [b, a];
    // Stop at the first gap: a selection never jumps over a booking or a closed slot.
    const chosen = [cells[first]];
    for (let i = first + 1; i <= last; i += 1) {
      if (cells[i].dataset.start !== chosen[chosen.length - 1].dataset.end) break;
      chosen.push(cells[i]);
    }
    chosen.forEach((cell) => cell.classList.add("selected"));
    selection.cells = chosen;
  };

  document.addEventListener("pointerdown", (event) => {
    const cell = freeCell(event.target);
    if (!cell || event.button !== 0) return;
    event.preventDefault();
    const table = cell.closest("table");
    selection = { table, day: cell.dataset.day, anchor: cell, cells: [cell] };
    cell.classList.add("selected");
  });

  document.addEventListener("pointermove", (event) => {
    if (!selection) return;
    const cell = freeCell(document.elementFromPoint(event.clientX, event.clientY));
    if (cell && cell.closest("table") === selection.table && cell.dataset.day === selection.day) {
      paint(selection.table, selection.day, selection.anchor, cell);
    }
  });

  document.addEventListener("pointerup", () => {
    if (!selection) return;
    const { table, day, cells } = selection;
    const first = cells[0];
    const last = cells[cells.length - 1];
    const params = new URLSearchParams({ date: day, start: first.dataset.start });
    if (cells.length > 1) params.set("end", last.dataset.end);
    selection = null;
    window.location.assign(`${table.dataset.bookUrl}?${params}`);
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && selection) {
      clear();
      selection = null;
    }
  });
})();

// The line at "now" across today's column. The server gives the minute (its clock, injected in
// tests) on an element beside the grid, never inside it: the grid stays the same all day and can
// be kept. The line moves on with the minutes since the page was made.
(() => {
  const loaded = Date.now();

  const startOf = (row) => {
    const [hours, minutes] = row.cells[0].textContent.trim().split(":").map(Number);
    return hours * 60 + minutes;
  };

  const place = (marker) => {
    const wrapper = marker.previousElementSibling;
    const table = wrapper && wrapper.querySelector("table.calendar");
    if (!table) return;
    wrapper.querySelectorAll(".now-line").forEach((line) => line.remove());
    const minute = Number(marker.dataset.minute) + Math.floor((Date.now() - loaded) / 60000);
    const slot = Number(table.dataset.slot);
    const row = Array.from(table.tBodies[0].rows).find((r) => startOf(r) <= minute && minute < startOf(r) + slot);
    if (!row) return;
    const top = table.offsetTop + row.offsetTop + ((minute - startOf(row)) / slot) * row.offsetHeight;
    const heads = Array.from(table.tHead.rows[0].cells).slice(1);
    const columns = marker.dataset.column === undefined ? heads : [heads[Number(marker.dataset.column)]];
    columns.filter(Boolean).forEach((head) => {
      const line = document.createElement("div");
      line.className = "now-line";
      line.setAttribute("aria-hidden", "true");
      line.style.top = `${Math.round(top)}px`;
      line.style.left = `${table.offsetLeft + head.offsetLeft}px`;
      line.style.width = `${head.offsetWidth}px`;
      wrapper.append(line);
    });
  };

  const placeAll = () => document.querySelectorAll(".now-marker").forEach(place);
  document.addEventListener("DOMContentLoaded", placeAll);
  document.addEventListener("htmx:afterSettle", placeAll);
  window.addEventListener("resize", placeAll);
  setInterval(placeAll, 60000);
})();
