// The emulator inspector: polls the read-only control routes once a second and redraws the
// tables. Everything the emulator sends is data, so it is written with textContent only: a user
// id such as <img src=x onerror=...> shows as text and never becomes markup.

const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

/** A table of `rows`, each column a [title, function of the row] pair; a note when empty. */
function table(columns, rows, emptyText) {
  if (!rows.length) return el("p", emptyText, "empty");
  const t = el("table");
  const head = t.createTHead().insertRow();
  for (const [title] of columns) head.appendChild(el("th", title));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const [, cell] of columns) {
      const value = cell(row);
      tr.appendChild(el("td", value === undefined || value === null ? "" : value));
    }
  }
  return t;
}

function more(shown, total, what) {
  return total > shown ? el("p", `${shown} of ${total} ${what} shown`, "more") : null;
}

function fill(container, ...nodes) {
  container.replaceChildren(...nodes.filter(Boolean));
}

const onOff = (b) => (b ? "on" : "off");

function drawApps(apps) {
  fill($("apps"), table([
    ["app", (a) => a.appId],
    ["created", (a) => a.createdAt],
    ["admin e-mail", (a) => a.adminEmail],
    ["users", (a) => a.userCount],
    ["aliases", (a) => a.aliasCount],
    ["credentials", (a) => a.credentialCount],
    ["events", (a) => a.eventCount],
    ["magic links", (a) => onOff(a.features.isMagicLinksEnabled)],
    ["event log", (a) => onOff(a.features.eventLoggingIsEnabled)],
    ["keys", (a) => a.keys.map((k) => k.apiKey + (k.isLocked ? " (locked)" : "")).join("\n")],
    ["pending deletion", (a) => a.pendingDeletionAt],
  ], apps, "No apps."));

  const details = apps.map((app) => {
    const section = el("section", undefined, "app");
    section.dataset.app = app.appId;
    section.append(
      el("h2", `App ${app.appId}`),
      el("h3", "Users"),
      table([
        ["user id", (u) => u.userId],
        ["aliases", (u) => u.aliases.join(", ")],
        ["credentials", (u) => u.credentials.map((c) =>
          `${c.id}  ${c.nickname ?? ""} ${c.device} counter ${c.signatureCounter} last used ${c.lastUsedAt}`).join("\n")],
      ], app.users, "No users."),
    );
    const usersMore = more(app.users.length, app.userCount, "users");
    if (usersMore) section.append(usersMore);
    section.append(
      el("h3", "Recent events"),
      table([
        ["at", (e) => e.performedAt],
        ["type", (e) => e.eventType],
        ["severity", (e) => e.severity],
        ["message", (e) => e.message],
        ["by", (e) => e.performedBy],
        ["subject", (e) => e.subject],
      ], app.events, app.features.eventLoggingIsEnabled ? "No events." : "No events (event logging is off)."),
    );
    return section;
  });
  fill($("app-details"), ...details);
}

function drawOutbox(inspection) {
  $("outbox-count").textContent = `(${inspection.outboxCount})`;
  fill($("outbox"), table([
    ["sent", (m) => m.sentAt],
    ["app", (m) => m.appId],
    ["to", (m) => m.to],
    ["user id", (m) => m.userId],
    ["link", (m) => m.link],
  ], inspection.outbox, "No magic links sent."),
  more(inspection.outbox.length, inspection.outboxCount, "mails"));
}

function drawFaults(faults) {
  fill($("faults"), table([
    ["id", (f) => f.id],
    ["method", (f) => f.method ?? "any"],
    ["path", (f) => f.path],
    ["action", (f) => f.action],
    ["status", (f) => f.status],
    ["delay ms", (f) => f.delayMs],
    ["remaining", (f) => f.remaining ?? "forever"],
    ["probability", (f) => f.probability],
  ], faults, "No fault rules."));
}

function drawRequests(requests) {
  fill($("requests"), table([
    ["id", (r) => r.id],
    ["at", (r) => r.at],
    ["method", (r) => r.method],
    ["path", (r) => r.path],
    ["status", (r) => r.status ?? "dropped"],
    ["ms", (r) => r.latencyMs],
    ["app", (r) => r.app],
    ["request", (r) => r.requestBody],
    ["response", (r) => r.responseBody],
    ["warning", (r) => r.warning],
  ], requests.slice().reverse(), "No requests yet."));
}

async function getJson(path) {
  const res = await fetch(path, { cache: "no-store", headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.json();
}

async function refresh() {
  const limit = $("limit").value;
  const [inspection, faults, requests] = await Promise.all([
    getJson(`/_emulator/inspect?limit=${encodeURIComponent(limit)}`),
    getJson("/_emulator/faults"),
    getJson(`/_emulator/requests?limit=${encodeURIComponent(limit)}`),
  ]);
  $("now").textContent = inspection.now;
  drawApps(inspection.apps);
  drawOutbox(inspection);
  drawFaults(faults);
  drawRequests(requests);
}

let timer = null;
let running = false;

async function tick() {
  timer = null;
  if (running) return;
  running = true;
  const state = $("state");
  try {
    await refresh();
    state.textContent = `updated ${new Date().toLocaleTimeString()}`;
    state.className = "state ok";
  } catch (err) {
    state.textContent = `cannot reach the emulator (${err.message})`;
    state.className = "state error";
  } finally {
    running = false;
  }
  if ($("live").checked) timer = setTimeout(tick, POLL_MS);
}

$("live").addEventListener("change", () => {
  if ($("live").checked && timer === null) tick();
});
$("limit").addEventListener("change", () => {
  if (timer !== null) clearTimeout(timer);
  if (!running) tick();
});
tick();
