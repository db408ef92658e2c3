"use strict";
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
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
  const map = document.getElementById("map"), panel = document.getElementById("panel");
  const columns = "18em repeat(" + entries.length + ", 1.6em)";
  const fragment = document.createDocumentFragment();
  const stages = el("div", {class: "row head", role: "row"});
  stages.style.gridTemplateColumns = columns;
  stages.appendChild(el("span", {}, "stage / type"));
  let start = 0;
  entries.forEach((a, j) => {
    const next = entries[j + 1];
    if (!next || next.stage !== a.stage || next.type !== a.type) {
      const span = el("span", {class: "stage", title: "Stage " + (a.stage || "?") + " " + a.type}, (a.stage || "?") + " " + a.type);
      span.style.gridColumn = (start + 2) + " / " + (j + 3);
      span.style.overflow = "hidden";
      stages.appendChild(span);
      start = j + 1;
    }
  });
  fragment.appendChild(stages);
  const head = el("div", {class: "row head", role: "row"});
  head.style.gridTemplateColumns = columns;
  head.appendChild(el("span", {}, "exposure \\ association"));
  entries.forEach((a, j) => {
    const b = el("button", {"data-c": j, "aria-label": "association " + a.file, title: a.file}, String(j + 1));
    b.style.gridColumn = j + 2;
    b.addEventListener("click", () => showEntry(j));
    head.appendChild(b);
  });
  fragment.appendChild(head);
  const rows = [], groups = [];
  let group = null, groupKey = null;
  exposures.forEach((e, i) => {
    const key = e[2] + "/" + e[3];
    if (key !== groupKey) {
      groupKey = key;
      group = {node: el("div", {class: "group", role: "row"}, "Observation " + (e[2] || "?") + ", visit " + (e[3] || "?")), rows: []};
      groups.push(group);
      fragment.appendChild(group.node);
    }
    const row = el("div", {class: "row", role: "row", "data-i": i});
    row.style.gridTemplateColumns = columns;
    const name = el("button", {class: "name", title: e[0], "aria-label": "exposure " + e[0]}, e[0]);
    name.addEventListener("click", () => showExposure(i));
    row.appendChild(name);
    for (const [j, roles] of [...cells[i].entries()].sort((x, y) => x[0] - y[0])) {
      const c = el("button", {class: "cell " + roleClass(roles[0]), "data-c": j, role: "gridcell",
        "aria-label": e[0] + " is " + roles.join(", ") + " in " + entries[j].file,
        title: roles.join(", ") + ": " + entries[j].file}, roles.map(letter).join(""));
      c.style.gridColumn = j + 2;
      c.addEventListener("click", () => showEntry(j));
      row.appendChild(c);
    }
    rows.push(row);
    group.rows.push(row);
    fragment.appendChild(row);
  });
  map.appendChild(fragment);

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

  const search = document.getElementById("search");
  const filters = {type: document.getElementById("f-type"), obs: document.getElementById("f-obs"), role: document.getElementById("f-role")};
  const fill = (select, values) => { for (const v of [...new Set(values)].filter(Boolean).sort()) select.appendChild(el("option", {value: v}, v)); };
  fill(filters.type, exposures.map((e) => e[1]));
  fill(filters.obs, exposures.map((e) => e[2]));
  fill(filters.role, entries.flatMap((a) => a.members.map((m) => m[1])));
  const shown = document.getElementById("shown");
  function apply() {
    const text = search.value.trim().toLowerCase();
    const type = filters.type.value, obs = filters.obs.value, role = filters.role.value;
    let count = 0;
    rows.forEach((row, i) => {
      const e = exposures[i];
      const ok = (!text || e[0].toLowerCase().includes(text)) && (!type || e[1] === type) &&
        (!obs || e[2] === obs) && (!role || [...cells[i].values()].some((r) => r.includes(role)));
      row.hidden = !ok;
      if (ok) count++;
    });
    for (const g of groups) g.node.hidden = g.rows.every((r) => r.hidden);
    shown.textContent = count + " of " + exposures.length + " exposures shown";
  }
  search.addEventListener("input", apply);
  for (const k in filters) filters[k].addEventListener("change", apply);
  apply();

  function visibleRow(row, step) {
    let i = rows.indexOf(row) + step;
    while (i >= 0 && i < rows.length && rows[i].hidden) i += step;
    return rows[i];
  }
  map.addEventListener("keydown", (event) => {
    const target = event.target;
    const row = target.closest(".row");
    if (!row || !row.dataset.i) return;
    let next = null;
    if (event.key === "ArrowRight") next = target.nextElementSibling;
    else if (event.key === "ArrowLeft") next = target.previousElementSibling;
    else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const other = visibleRow(row, event.key === "ArrowDown" ? 1 : -1);
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
})();
