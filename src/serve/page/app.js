// The page of `docket serve`: a deadline calculator and a docket viewer,
// both answered by the JSON API under /v1/. Plain script, no build step;
// data reaches the page as text only (textContent), never as markup.
"use strict";

const $ = (id) => document.getElementById(id);
const UNITS = ["days", "court_days", "weeks", "months", "years", "hours"];
let courts = [];

/** An element with text and attributes. */
function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** The weekday of a YYYY-MM-DD date, in English. */
function weekday(date) {
  const d = new Date(date.slice(0, 10) + "T00:00:00Z");
  return isNaN(d) ? "" : d.toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
}

/** Fetches `url`; resolves to {ok, status, body} with JSON parsed when it is JSON. */
async function call(url, options) {
  let r;
  try {
    r = await fetch(url, options);
  } catch (e) {
    return { ok: false, status: 0, body: { problems: [{ message: "The server cannot be reached: " + e.message }] } };
  }
  const type = r.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await r.json().catch(() => null) : await r.text();
  if (!r.ok && (!body || !body.problems)) {
    const text = typeof body === "string" ? body.trim() : "";
    return { ok: false, status: r.status, body: { problems: [{ message: `${r.status} ${r.statusText} ${text}`.trim() }] } };
  }
  return { ok: r.ok, status: r.status, body };
}

/** Shows problems in `box`, marking the form fields they name. */
function showProblems(box, problems, fields) {
  clear(box);
  for (const f of Object.values(fields || {})) f.removeAttribute("aria-invalid");
  if (!problems || problems.length === 0) {
    box.hidden = true;
    return;
  }
  box.appendChild(el("p", problems.length === 1 ? "One problem:" : `${problems.length} problems:`));
  const ul = el("ul");
  for (const p of problems) {
    ul.appendChild(el("li", p.message));
    const field = p.field && fields ? fields[p.field] : null;
    if (field) field.setAttribute("aria-invalid", "true");
  }
  box.appendChild(ul);
  box.hidden = false;
}

// ---- the calculator ---------------------------------------------------------

/** The court a search names: an id, or the one court whose name or state matches. */
function findCourt(query) {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  const exact = courts.find((c) => c.id === q);
  if (exact) return exact;
  const found = courts.filter((c) =>
    c.name.toLowerCase().includes(q) || (c.citation || "").toLowerCase() === q || c.state.toLowerCase() === q);
  return found.length === 1 ? found[0] : null;
}

function showCourtName() {
  const v = $("court").value.trim();
  const c = v === "federal" ? { name: "the federal holidays alone", time_zone: "UTC" } : findCourt(v);
  $("court-name").textContent = c ? `${c.name}${c.citation ? ", " + c.citation : ""} (${c.time_zone})` : "";
}

async function loadCourts() {
  const r = await call("/v1/courts");
  if (!r.ok || !Array.isArray(r.body)) return;
  courts = r.body;
  const list = $("court-list");
  for (const c of courts) {
    list.appendChild(el("option", `${c.citation || c.state}: ${c.name}`, { value: c.id }));
  }
  showCourtName();
}

const dueFields = () => ({
  court: $("court"), from: $("from"), service: $("service"), rules_as_of: $("rules_as_of"),
  days: $("amount"), court_days: $("amount"), weeks: $("amount"), months: $("amount"),
  years: $("amount"), hours: $("amount"), before: $("amount"),
});

/** The calculator's fields as query parameters, named as the API's. */
function readForm() {
  const p = new URLSearchParams();
  const search = $("court").value.trim();
  const found = search === "federal" ? null : findCourt(search);
  p.set("court", found ? found.id : search);
  p.set("from", $("from").value);
  p.set($("unit").value, $("amount").value);
  if (document.querySelector("input[name=direction]:checked").value === "before") p.set("before", "true");
  if ($("service").value) p.set("service", $("service").value);
  if ($("rules_as_of").value) p.set("rules_as_of", $("rules_as_of").value);
  return p;
}

/** The `from` field takes a date-time for hours, a date otherwise. */
function fitFromToUnit() {
  const from = $("from");
  const hours = $("unit").value === "hours";
  const want = hours ? "datetime-local" : "date";
  if (from.type === want) return;
  const v = from.value;
  from.type = want;
  from.value = hours ? (v ? v.slice(0, 10) + "T09:00" : "") : v.slice(0, 10);
}

/** Fills the calculator from query parameters. */
function fillForm(p) {
  $("court").value = p.get("court") || "";
  const unit = UNITS.find((u) => p.has(u)) || "days";
  $("unit").value = unit;
  fitFromToUnit();
  $("from").value = p.get("from") || "";
  $("amount").value = p.get(unit) || "";
  const before = ["true", "1", "yes", "on", ""].includes((p.get("before") ?? "false").toLowerCase());
  document.querySelector(`input[name=direction][value=${before ? "before" : "after"}]`).checked = true;
  $("service").value = p.get("service") || "";
  $("rules_as_of").value = p.get("rules_as_of") || "";
  if ($("rules_as_of").value) $("rules_as_of").closest("details").open = true;
  showCourtName();
}

function showDue(due) {
  const shown = due.at || due.due;
  $("due-date").textContent = shown;
  $("due-weekday").textContent = weekday(shown);
  $("due-ends").textContent = due.ends_at ? `The time to act ends at ${due.ends_at} (the court's time).` : "";
  $("due-rules").textContent = due.rules;
  $("due-link").href = location.href;
  const body = $("due-readings").tBodies[0];
  clear(body);
  for (const r of due.readings || []) {
    const tr = el("tr");
    tr.appendChild(el("td", r.at || r.date, { class: "date" }));
    tr.appendChild(el("td", r.question));
    tr.appendChild(el("td", r.reason));
    tr.appendChild(el("td", (r.cites || []).join("; ")));
    body.appendChild(tr);
  }
  $("due-readings-box").hidden = !(due.readings && due.readings.length);
  const steps = $("due-steps");
  clear(steps);
  for (const s of due.steps || []) steps.appendChild(el("li", s));
  $("due-result").hidden = false;
}

async function computeDue(params) {
  const r = await call("/v1/due?" + params.toString());
  if (r.ok) {
    showProblems($("due-problems"), [], dueFields());
    showDue(r.body);
  } else {
    $("due-result").hidden = true;
    showProblems($("due-problems"), r.body.problems, dueFields());
  }
}

function calculatorFromUrl() {
  const p = new URLSearchParams(location.search);
  if (!p.has("court")) return;
  fillForm(p);
  computeDue(p);
}

// ---- the docket view --------------------------------------------------------

const docket = { text: "", type: "", summary: null, schedule: null };

function contentType() {
  const f = $("docket-format").value || (docket.text.trimStart().startsWith("{") ? "json" : "toml");
  return f === "json" ? "application/json" : "application/toml";
}

function post(path, params) {
  const q = params && params.toString() ? "?" + params.toString() : "";
  return call(path + q, { method: "POST", headers: { "Content-Type": docket.type }, body: docket.text });
}

function partyName(id) {
  const p = docket.summary && docket.summary.parties.find((x) => x.id === id);
  return p ? p.name : id;
}

function filterParams() {
  const p = new URLSearchParams();
  if ($("filter-party").value) p.set("party", $("filter-party").value);
  if ($("filter-from").value) p.set("from", $("filter-from").value);
  if ($("filter-to").value) p.set("to", $("filter-to").value);
  return p;
}

function scheduleRows(s) {
  const rows = [];
  for (const e of s.events) {
    rows.push({
      date: e.date, key: "event " + e.id, what: e.at ? `${e.title} at ${e.at.slice(11, 16)}` : e.title,
      who: e.parties, status: e.status, cls: e.status === "cancelled" ? "vacated" : "", explain: [],
    });
  }
  for (const d of s.deadlines) {
    let what = "Due: " + d.title + (d.at ? ` by ${d.at.slice(11, 16)}` : "");
    if (d.latest) what += ` (later reading: ${d.latest})`;
    rows.push({
      date: d.due, key: d.id, what, who: d.parties,
      status: d.status + (d.filed ? " " + d.filed : "") + (d.overdue ? " OVERDUE" : ""),
      cls: d.status === "vacated" ? "vacated" : d.status === "late" ? "late" : "", explain: d.explain || [],
    });
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows;
}

function showSchedule(s) {
  const body = $("schedule").tBodies[0];
  clear(body);
  for (const r of scheduleRows(s)) {
    const tr = el("tr", null, r.cls ? { class: r.cls } : {});
    tr.appendChild(el("td", r.date, { class: "date" }));
    tr.appendChild(el("td", weekday(r.date)));
    const what = el("td");
    if (r.explain.length) {
      const details = el("details", null, { class: "explain" });
      details.appendChild(el("summary", r.what));
      const ol = el("ol");
      for (const line of r.explain) ol.appendChild(el("li", line));
      details.appendChild(ol);
      what.appendChild(details);
    } else {
      what.textContent = r.what;
    }
    tr.appendChild(what);
    tr.appendChild(el("td", r.who.map(partyName).join(", ")));
    tr.appendChild(el("td", r.status));
    body.appendChild(tr);
  }
  $("schedule-count").textContent = `${s.deadlines.length} deadlines and ${s.events.length} events.`;
  $("schedule-truncated").textContent = (s.truncated || [])
    .map((t) => `${t.obligation} recurs beyond ${t.horizon}: set “To” to see more.`).join(" ");
}

async function loadIcs(params) {
  const link = $("ics-download");
  const r = await fetch("/v1/ics?" + params.toString(), {
    method: "POST", headers: { "Content-Type": docket.type }, body: docket.text,
  }).catch(() => null);
  if (!r || !r.ok) {
    link.removeAttribute("href");
    return;
  }
  const blob = new Blob([await r.text()], { type: "text/calendar" });
  if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  const party = params.get("party");
  link.download = `${docket.summary.case}${party ? "-" + party : ""}.ics`;
}

async function loadFeeds() {
  const list = $("feeds");
  clear(list);
  const r = await call("/feeds/");
  const urls = r.ok && typeof r.body === "string" ? r.body.split("\n").filter((l) => l.startsWith("http")) : [];
  if (urls.length === 0) {
    list.appendChild(el("li", "none yet"));
    return;
  }
  for (const url of urls) {
    const li = el("li");
    const name = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
    li.appendChild(el("a", name, { href: url }));
    li.appendChild(document.createTextNode(" · "));
    li.appendChild(el("a", "subscribe", { href: url.replace(/^https?:/, "webcal:") }));
    list.appendChild(li);
  }
}

async function loadSchedule() {
  const params = filterParams();
  const fields = { party: $("filter-party"), from: $("filter-from"), to: $("filter-to") };
  const r = await post("/v1/schedule", params);
  if (!r.ok) {
    showProblems($("docket-problems"), r.body.problems, fields);
    return;
  }
  showProblems($("docket-problems"), [], fields);
  docket.schedule = r.body;
  showSchedule(r.body);
  loadIcs(params);
}

function fillTargets() {
  const action = $("change-action").value;
  const events = ["move", "cancel"].includes(action);
  const target = $("change-target");
  const keep = target.value;
  clear(target);
  const ids = new Set();
  const s = docket.schedule || { events: [], deadlines: [] };
  for (const x of events ? s.events : s.deadlines) ids.add(events ? x.id : x.obligation);
  for (const id of [...ids].sort()) target.appendChild(el("option", id, { value: id }));
  if (ids.has(keep)) target.value = keep;
  $("change-to").closest(".row").hidden = !["move", "extend"].includes(action);
  $("change-occurrence").closest(".row").hidden = !["extend", "vacate"].includes(action);
}

function showSummary(f) {
  $("docket-caption").textContent = f.caption ? `${f.caption} (${f.case})` : f.case;
  const party = $("filter-party");
  clear(party);
  party.appendChild(el("option", "every party", { value: "" }));
  for (const p of f.parties) party.appendChild(el("option", p.name, { value: p.id }));
  const changes = $("changes");
  clear(changes);
  for (const c of f.changes) changes.appendChild(el("li", `${c.on}: ${c.action} (${c.by})`));
  $("no-changes").hidden = f.changes.length > 0;
}

async function openDocket() {
  docket.text = $("docket-text").value;
  docket.type = contentType();
  $("diff").hidden = true;
  const r = await post("/v1/check");
  if (!r.ok) {
    $("docket-view").hidden = true;
    showProblems($("docket-problems"), r.body.problems, { docket: $("docket-text") });
    return;
  }
  showProblems($("docket-problems"), [], { docket: $("docket-text") });
  docket.summary = r.body.files[0];
  showSummary(docket.summary);
  $("docket-view").hidden = false;
  await loadSchedule();
  fillTargets();
  loadFeeds();
}

function showDiff(d) {
  const count = (k) => (Array.isArray(d[k]) ? d[k].length : 0);
  $("diff-summary").textContent =
    `${count("moved")} moved, ${count("added")} added, ${count("removed")} removed, ` +
    `${count("vacated")} vacated, ${count("status_changed")} changed status (on ${d.on}${d.on_is_today ? ", today at the court" : ""}).`;
  const warnings = $("diff-warnings");
  clear(warnings);
  for (const w of d.warnings || []) warnings.appendChild(el("li", w));
  const body = $("diff-moved").tBodies[0];
  clear(body);
  for (const m of d.moved || []) {
    const tr = el("tr", null, m.past ? { class: "overdue" } : {});
    tr.appendChild(el("td", m.title));
    tr.appendChild(el("td", m.from_at || m.from, { class: "date" }));
    tr.appendChild(el("td", m.to_at || m.to, { class: "date" }));
    tr.appendChild(el("td", m.days));
    const why = el("td");
    const ol = el("ol");
    for (const c of m.chain || []) ol.appendChild(el("li", c));
    why.appendChild(ol);
    tr.appendChild(why);
    body.appendChild(tr);
  }
  $("diff-moved").hidden = count("moved") === 0;
  const other = $("diff-other");
  clear(other);
  for (const [k, label] of [["added", "Added"], ["removed", "Removed"], ["vacated", "Vacated"]]) {
    for (const i of d[k] || []) other.appendChild(el("li", `${label}: ${i.title} (${i.date})`));
  }
  for (const s of d.status_changed || []) other.appendChild(el("li", `${s.title}: ${s.from} → ${s.to}`));
  $("diff").hidden = false;
}

async function whatIf() {
  const action = $("change-action").value;
  const p = new URLSearchParams();
  p.set(action, $("change-target").value);
  const to = $("change-to").value.trim();
  if (to && !$("change-to").closest(".row").hidden) p.set("to", to);
  const occ = $("change-occurrence").value;
  if (occ && !$("change-occurrence").closest(".row").hidden) p.set("occurrence", occ);
  if ($("change-on").value) p.set("on", $("change-on").value);
  if ($("change-by").value.trim()) p.set("by", $("change-by").value.trim());
  const fields = {
    [action]: $("change-target"), to: $("change-to"), occurrence: $("change-occurrence"),
    on: $("change-on"), by: $("change-by"),
  };
  const r = await post("/v1/reschedule", p);
  if (!r.ok) {
    $("diff").hidden = true;
    showProblems($("change-problems"), r.body.problems, fields);
    return;
  }
  showProblems($("change-problems"), [], fields);
  showDiff(r.body);
}

// ---- wiring -----------------------------------------------------------------

function start() {
  $("due-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const p = readForm();
    history.pushState(null, "", "?" + p.toString());
    computeDue(p);
  });
  $("unit").addEventListener("change", fitFromToUnit);
  $("court").addEventListener("input", showCourtName);
  window.addEventListener("popstate", calculatorFromUrl);
  $("docket-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    $("docket-text").value = await file.text();
    if (/\.json$/i.test(file.name)) $("docket-format").value = "json";
    else if (/\.toml$/i.test(file.name)) $("docket-format").value = "toml";
    openDocket();
  });
  $("docket-form").addEventListener("submit", (e) => {
    e.preventDefault();
    openDocket();
  });
  $("filter-form").addEventListener("submit", (e) => {
    e.preventDefault();
    loadSchedule();
  });
  $("change-action").addEventListener("change", fillTargets);
  $("change-form").addEventListener("submit", (e) => {
    e.preventDefault();
    whatIf();
  });
  calculatorFromUrl();
  loadCourts();
}

document.addEventListener("DOMContentLoaded", start);
