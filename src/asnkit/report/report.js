"use strict";
(function () {
  // The data: JSON, or (a big page) gzip'd JSON in base64, inflated by the browser itself.
  async function read() {
    const node = document.getElementById("data");
    if (node.dataset.encoding !== "gzip+base64") return JSON.parse(node.textContent);
    const text = atob(node.textContent.trim());
    const bytes = new Uint8Array(text.length);
    for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  read().then(show, (error) => {
    document.getElementById("map").textContent = "the page's data cannot be read: " + error;
    throw error;
  });

  function show(data) {
    performance.mark('m0');
    const exposures = data.exposures, entries = data.entries;
    const LETTERS = {science: "S", background: "B", imprint: "I", psf: "P", target_acquisition: "T",
      direct_image: "D", sourcecat: "C", segmap: "G", selfcal: "L"};
    const letter = (role) => LETTERS[role] || (role.charAt(0).toUpperCase() || "?");
    const COLOURED = ["science", "background", "imprint", "psf", "target_acquisition"];
    const roleClass = (role) => "r-" + (COLOURED.includes(role) ? role : "other");
    const el = (tag, props, text) => {
      const node = document.createElement(tag);
      if (props) for (const k in props) node.setAttribute(k, props[k]);
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const index = new Map(exposures.map((e, i) => [e[0], i]));
    const cells = exposures.map(() => new Map());
    entries.forEach((a, j) => {
      for (const [key, role] of a.members) {
        const i = index.get(key);
        if (i === undefined) continue;
        const roles = cells[i].get(j) || [];
        if (!roles.includes(role)) roles.push(role);
        cells[i].set(j, roles);
      }
    });
    performance.mark('m1');
    // The map draws only the rows in view (and a few more): a row is ROW pixels high, a
    // column COL wide after the names' NAME; the scroll size is that of every row.
    const ROW = 18, COL = 20, NAME = 216, MORE = 20;
    const width = NAME + entries.length * COL;
    const map = document.getElementById("map"), panel = document.getElementById("panel");
    const px = (n) => n + "px";
    const head = el("div", {class: "head"});
    head.style.width = px(width);
    const stages = el("div", {class: "row head stages", role: "row"});
    stages.appendChild(el("span", {class: "corner"}, "stage / type"));
    let start = 0;
    entries.forEach((a, j) => {
      const next = entries[j + 1];
      if (!next || next.stage !== a.stage || next.type !== a.type) {
        const label = (a.stage || "?") + " " + a.type;
        const span = el("span", {class: "stage", title: "Stage " + label}, label);
        span.style.left = px(NAME + start * COL);
        span.style.width = px((j + 1 - start) * COL);
        stages.appendChild(span);
        start = j + 1;
      }
    });
    head.appendChild(stages);
    const numbers = el("div", {class: "row head numbers", role: "row"});
    numbers.appendChild(el("span", {class: "corner"}, "exposure \\ association"));
    entries.forEach((a, j) => {
      const b = el("button", {"data-c": j, "aria-label": "association " + a.file, title: a.file}, String(j + 1));
      b.style.left = px(NAME + j * COL);
      numbers.appendChild(b);
    });
    head.appendChild(numbers);
    performance.mark('m2');
    const body = el("div", {class: "body"});
    body.style.width = px(width);
    map.replaceChildren(head, body);
    map.setAttribute("aria-colcount", String(entries.length + 1));

    // What the filters keep: a list of items, a group heading (-1 - its first exposure) or
    // an exposure (its index); items[k] is drawn at k * ROW.
    let items = [];
    const drawn = new Map();
    let first = 0, last = 0;
    function build(k) {
      const item = items[k];
      let node;
      if (item < 0) {
        const e = exposures[-1 - item];
        node = el("div", {class: "group", role: "row"});
        node.appendChild(el("span", {}, "Observation " + (e[2] || "?") + ", visit " + (e[3] || "?")));
      } else {
        const e = exposures[item];
        node = el("div", {class: "row", role: "row", "data-i": item, "aria-rowindex": k + 2});
        node.appendChild(el("button", {class: "name", title: e[0], "aria-label": "exposure " + e[0]}, e[0]));
        for (const [j, roles] of [...cells[item].entries()].sort((x, y) => x[0] - y[0])) {
          const c = el("button", {class: "cell " + roleClass(roles[0]), "data-c": j, role: "gridcell",
            "aria-label": e[0] + " is " + roles.join(", ") + " in " + entries[j].file,
            title: roles.join(", ") + ": " + entries[j].file}, roles.map(letter).join(""));
          c.style.left = px(NAME + j * COL);
          node.appendChild(c);
        }
      }
      node.style.top = px(k * ROW);
      return node;
    }
    function draw() {
      const top = map.scrollTop, height = map.clientHeight;
      const from = Math.max(0, Math.floor(top / ROW) - MORE);
      const to = Math.min(items.length, Math.ceil((top + height) / ROW) + MORE);
      if (from >= last || to <= first) {
        for (const node of drawn.values()) node.remove();
        drawn.clear();
        first = last = from;
      }
      for (const [k, node] of drawn) if (k < from || k >= to) { node.remove(); drawn.delete(k); }
      const before = document.createDocumentFragment(), after = document.createDocumentFragment();
      for (let k = from; k < Math.min(first, to); k++) { const n = build(k); drawn.set(k, n); before.appendChild(n); }
      for (let k = Math.max(last, from); k < to; k++) { const n = build(k); drawn.set(k, n); after.appendChild(n); }
      body.prepend(before);
      body.append(after);
      first = from;
      last = to;
    }
    map.addEventListener("scroll", draw, {passive: true});
    window.addEventListener("resize", draw);

    performance.mark('m3');
    function heading(text) { return el("h2", {}, text); }
    function showEntry(j) {
      const a = entries[j];
      panel.replaceChildren(heading("Association " + a.file));
      panel.dataset.kind = "association";
      const dl = el("dl");
      for (const [k, v] of [["type", a.type], ["stage", a.stage || "?"], ["rule", a.rule], ["products", a.products.join(", ")]]) {
        dl.appendChild(el("dt", {}, k));
        dl.appendChild(el("dd", {}, v));
      }
      panel.appendChild(dl);
      panel.appendChild(el("h3", {}, "Members (" + a.members.length + ")"));
      const ul = el("ul", {class: "members"});
      for (const [, role, name] of a.members) ul.appendChild(el("li", {}, letter(role) + " " + role + ": " + name));
      panel.appendChild(ul);
      panel.appendChild(el("h3", {}, "JSON"));
      panel.appendChild(el("pre", {class: "json"}, a.text));
      panel.focus();
    }
    function showExposure(i) {
      const e = exposures[i];
      panel.replaceChildren(heading("Exposure " + e[0]));
      panel.dataset.kind = "exposure";
      const dl = el("dl");
      for (const [k, v] of [["type", e[1] || "?"], ["observation", e[2] || "?"], ["visit", e[3] || "?"]]) {
        dl.appendChild(el("dt", {}, k));
        dl.appendChild(el("dd", {}, v));
      }
      panel.appendChild(dl);
      panel.appendChild(el("h3", {}, "In associations"));
      const ul = el("ul", {class: "in"});
      for (const [j, roles] of cells[i]) ul.appendChild(el("li", {}, roles.join(", ") + ": " + entries[j].file));
      panel.appendChild(ul);
      panel.appendChild(el("h3", {}, "Why (asnkit generate --explain)"));
      const why = el("ul", {class: "why"});
      for (const k of e[4]) why.appendChild(el("li", {}, data.lines[k]));
      if (!e[4].length) why.appendChild(el("li", {}, "no explanation: the report was made from association files"));
      panel.appendChild(why);
      panel.focus();
    }
    map.addEventListener("click", (event) => {
      const target = event.target.closest("button");
      if (!target) return;
      if (target.dataset.c !== undefined) showEntry(Number(target.dataset.c));
      else if (target.classList.contains("name")) showExposure(Number(target.parentNode.dataset.i));
    });

    const search = document.getElementById("search");
    const filters = {type: document.getElementById("f-type"), obs: document.getElementById("f-obs"), role: document.getElementById("f-role")};
    const fill = (select, values) => { for (const v of [...new Set(values)].filter(Boolean).sort()) select.appendChild(el("option", {value: v}, v)); };
    fill(filters.type, exposures.map((e) => e[1]));
    fill(filters.obs, exposures.map((e) => e[2]));
    fill(filters.role, entries.flatMap((a) => a.members.map((m) => m[1])));
    performance.mark('m4');
    const shown = document.getElementById("shown");
    function apply() {
      const text = search.value.trim().toLowerCase();
      const type = filters.type.value, obs = filters.obs.value, role = filters.role.value;
      let count = 0, groupKey = null;
      items = [];
      exposures.forEach((e, i) => {
        const ok = (!text || e[0].toLowerCase().includes(text)) && (!type || e[1] === type) &&
          (!obs || e[2] === obs) && (!role || [...cells[i].values()].some((r) => r.includes(role)));
        if (!ok) return;
        const key = e[2] + "/" + e[3];
        if (key !== groupKey) { groupKey = key; items.push(-1 - i); }
        items.push(i);
        count++;
      });
      performance.mark('m4a');
    body.style.height = px(items.length * ROW);
      map.setAttribute("aria-rowcount", String(items.length + 1));
      for (const node of drawn.values()) node.remove();
      drawn.clear();
      first = last = 0;
      performance.mark('m4b'); map.clientHeight; performance.mark('m4c'); draw();
      shown.textContent = count + " of " + exposures.length + " exposures shown";
    }
    search.addEventListener("input", apply);
    for (const k in filters) filters[k].addEventListener("change", apply);
    apply();

    performance.mark('m5');
    // The next exposure shown after (step 1) or before (-1) the one drawn at k, drawn.
    function nextRow(k, step) {
      let n = k + step;
      while (n >= 0 && n < items.length && items[n] < 0) n += step;
      if (n < 0 || n >= items.length) return null;
      const view = map.clientHeight - head.offsetHeight;
      if (n * ROW < map.scrollTop) map.scrollTop = n * ROW;
      else if ((n + 1) * ROW > map.scrollTop + view) map.scrollTop = (n + 1) * ROW - view;
      draw();
      return drawn.get(n);
    }
    map.addEventListener("keydown", (event) => {
      const target = event.target;
      const row = target.closest(".row");
      if (!row || !row.dataset.i) return;
      let next = null;
      if (event.key === "ArrowRight") next = target.nextElementSibling;
      else if (event.key === "ArrowLeft") next = target.previousElementSibling;
      else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        const k = Number(row.getAttribute("aria-rowindex")) - 2;
        const other = nextRow(k, event.key === "ArrowDown" ? 1 : -1);
        if (other) {
          const c = target.dataset.c;
          next = (c !== undefined && other.querySelector(".cell[data-c='" + c + "']")) || other.firstElementChild;
        }
      } else return;
      event.preventDefault();
      if (next) next.focus();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "/" && document.activeElement !== search) { event.preventDefault(); search.focus(); }
      else if (event.key === "Escape") { panel.replaceChildren(); delete panel.dataset.kind; search.focus(); }
    });
    performance.mark('m6');
    map.dataset.ready = "1";
  }
})();
