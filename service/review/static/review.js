// Review UI: keyboard first, no reloads. Every change goes through the /v1 corrections
// API with the session's CSRF token and the reviewed result's ETag (If-Match).
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const csrf = () => $('meta[name="csrf-token"]')?.content || "";
const root = () => $("[data-view]");

function toast(text, bad = false) {
  const el = $("#toast");
  el.textContent = text;
  el.className = bad ? "show bad" : "show";
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.className = ""; }, 4000);
}

// Load another review page into #app: the queue and counts update without a reload.
async function swap(url, push = true) {
  const response = await fetch(url, { credentials: "same-origin" });
  const html = await response.text();
  const page = new DOMParser().parseFromString(html, "text/html");
  $("#app").replaceWith($("#app", page));
  document.title = page.title;
  if (push) history.pushState({}, "", response.url);
  init();
}

async function send(method, url, body) {
  const r = root();
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "If-Match": r.dataset.etag, "X-CSRF-Token": csrf() },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 412) {
    const who = (data.changes || []).map((c) => `${c.actor} ${c.action} ${c.path}`).join("; ");
    toast(`Changed meanwhile: ${who || "re-extracted"}. Reloaded.`, true);
    await swap(location.href, false);
    return null;
  }
  if (!response.ok) {
    toast(`Not saved: ${(data.detail && data.detail.reason) || data.detail || response.status}`, true);
    return null;
  }
  r.dataset.etag = data.etag;
  const evidence = data.confirmed_by_evidence || [];
  toast(`Saved. ${evidence.length} confirmed by evidence. ${data.open_items} open.` +
        (data.state === "reviewed" ? " Document reviewed." : ""));
  return data;
}

function valueUrl(path) {
  return `/v1/documents/${root().dataset.doc}/values/${path}`;
}

async function nextOpen(data) {
  const r = root();
  const doc = r.dataset.doc;
  const open = data.needs_review || [];
  // The next item if it is still open, else the riskiest one left (the server picks).
  const want = open.includes(r.dataset.next) ? r.dataset.next : "";
  await swap(want ? `/review/documents/${doc}/items/${want}` : `/review/documents/${doc}`);
  return data;
}

async function act(action) {
  const path = root().dataset.path;
  if (!path) return;
  const data = await send("PATCH", valueUrl(path), { action });
  if (data) await nextOpen(data);
}

async function saveEdit(form) {
  const path = root().dataset.path;
  const body = { raw: form.raw.value, unit: form.unit.value, reason: form.reason.value };
  const data = await send("PATCH", valueUrl(path), body);
  if (data) await nextOpen(data);
}

function openEdit() {
  const form = $("form.edit");
  if (!form) return;
  form.hidden = false;
  form.raw.focus();
  form.raw.select();
}

function go(which) {
  const r = root();
  const target = r.dataset[which];
  if (target) swap(`/review/documents/${r.dataset.doc}/items/${target}`);
}

// Queue: j/k move between the items, Enter opens one.
function moveLink(step) {
  const links = $$(".doc .items a");
  const at = links.indexOf(document.activeElement);
  const next = links[Math.max(0, Math.min(links.length - 1, at + step))];
  if (next) next.focus();
}

// Table view: move between value cells, confirm one, edit one in place, confirm all.
function tableCells() { return $$("td[data-path]"); }

function moveCell(step) {
  const cells = tableCells();
  const at = cells.indexOf(document.activeElement);
  const next = cells[Math.max(0, Math.min(cells.length - 1, at + step))];
  if (next) next.focus();
}

function editCell(td) {
  const input = document.createElement("input");
  input.value = td.textContent.trim();
  input.className = "in-place";
  td.textContent = "";
  td.appendChild(input);
  input.focus();
  input.select();
  input.addEventListener("keydown", async (ev) => {
    if (ev.key === "Escape") { ev.stopPropagation(); await swap(location.href, false); }
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    ev.stopPropagation();
    const data = await send("PATCH", valueUrl(td.dataset.path), { raw: input.value });
    if (data) await swap(location.href, false);
  });
}

async function confirmTable() {
  const r = root();
  const url = `/v1/documents/${r.dataset.doc}/tables/${r.dataset.table}/confirm`;
  if (await send("POST", url, {})) await swap(location.href, false);
}

async function resolveFinding(article, resolution, form) {
  const body = { finding: article.dataset.finding, resolution };
  if (form) Object.assign(body, { path: form.path.value, raw: form.raw.value, unit: form.unit.value });
  if (await send("POST", `/v1/documents/${root().dataset.doc}/findings`, body)) {
    await swap(location.href, false);
  }
}

function onKey(ev) {
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(ev.target.tagName);
  if (ev.key === "Escape" && typing) {
    const form = ev.target.closest("form.edit");
    if (form) { form.hidden = true; ev.target.blur(); }
    return;
  }
  if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const r = root();
  const view = r?.dataset.view;
  const doc = r?.dataset.doc;
  const key = ev.key;
  if (key === "?") { $("#help").showModal(); return; }
  if (key === "q") { swap("/review"); return; }
  if (view === "queue" && (key === "j" || key === "k")) { moveLink(key === "j" ? 1 : -1); return; }
  if (!doc) return;
  if (key === "f") { swap(`/review/documents/${doc}/findings`); return; }
  if (view === "table") {
    const cell = document.activeElement?.dataset?.path ? document.activeElement : null;
    if (key === "j") moveCell(1);
    else if (key === "k") moveCell(-1);
    else if (key === "a") confirmTable();
    else if (key === "e" && cell) { ev.preventDefault(); editCell(cell); }
    else if (key === "c" && cell) send("PATCH", valueUrl(cell.dataset.path), { action: "confirm" }).then((d) => d && swap(location.href, false));
    return;
  }
  if (view !== "item") return;
  if (key === "j" || key === "s") go("next");
  else if (key === "k") go("prev");
  else if (key === "c") act("confirm");
  else if (key === "n") act("not_applicable");
  else if (key === "e") { ev.preventDefault(); openEdit(); }
  else if (key === "t" && r.dataset.table) swap(`/review/documents/${doc}/tables/${r.dataset.table}`);
  else if (/^[1-9]$/.test(key)) {
    const button = $$("[data-candidate]")[Number(key) - 1];
    if (button) { openEdit(); $("form.edit").raw.value = button.dataset.candidate; }
  }
}

// Zoom the page image so the table (else the source) fills the width, and scroll to it.
function zoomTo(box) {
  const [left, top, width] = box.dataset.focus.split(",").map(Number);
  const zoom = Math.min(1, (box.clientWidth - 16) / Math.max(width, 1));
  $(".page", box).style.zoom = zoom;
  box.scrollTop = Math.max(0, top * zoom - 24);
  box.scrollLeft = Math.max(0, left * zoom - 8);
}

function init() {
  for (const box of $$("[data-focus]")) {
    zoomTo(box);
    $("img", box)?.addEventListener("load", () => zoomTo(box), { once: true });
  }
  $("form.edit")?.addEventListener("submit", (ev) => { ev.preventDefault(); saveEdit(ev.target); });
  for (const b of $$("[data-action]")) {
    b.addEventListener("click", () => {
      const a = b.dataset.action;
      if (a === "edit") openEdit();
      else if (a === "skip") go("next");
      else if (a === "confirm-table") confirmTable();
      else act(a);
    });
  }
  for (const b of $$("[data-candidate]")) {
    b.addEventListener("click", () => { openEdit(); $("form.edit").raw.value = b.dataset.candidate; });
  }
  for (const article of $$("article[data-finding]")) {
    const form = $("form.finding-fix", article);
    for (const b of $$("[data-resolve]", article)) {
      b.addEventListener("click", () => {
        if (b.dataset.resolve === "confirmed") resolveFinding(article, "confirmed");
        else { form.hidden = false; form.raw.focus(); }
      });
    }
    form?.addEventListener("submit", (ev) => { ev.preventDefault(); resolveFinding(article, "extraction_error", form); });
  }
  for (const td of tableCells()) td.addEventListener("dblclick", () => editCell(td));
}

document.addEventListener("keydown", onKey);
document.addEventListener("click", (ev) => { if (ev.target.closest("[data-help]")) $("#help").showModal(); });
window.addEventListener("popstate", () => swap(location.href, false));
document.addEventListener("DOMContentLoaded", init);
