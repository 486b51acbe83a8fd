// The chat page, on the official phoenix client (copied beside the page by the build).
const $ = (id) => document.getElementById(id);
// Where the app is mounted: "" when embedded, "/chat" when deployed as chat.war.
const base = location.pathname.replace(/\/[^/]*$/, "");

let phoenix = null;
let socket = null;
let channel = null;
let joined = false;
let leaving = false;
let typingTimer = null;
let typing = false;

function setStatus(text, kind) {
  $("status").textContent = text;
  $("status").className = `status ${kind}`;
}

function showError(id, text) {
  $(id).textContent = text;
  $(id).hidden = !text;
}

async function loadClient() {
  try {
    phoenix = await import("./vendor/phoenix.mjs");
    return true;
  } catch (error) {
    showError("login-error", "The phoenix client is missing (vendor/phoenix.mjs): build the "
      + "example with npm on the PATH.");
    $("join").disabled = true;
    return false;
  }
}

const clientLoaded = loadClient();

async function fetchToken(name) {
  const response = await fetch(`${base}/token?user_id=${encodeURIComponent(name)}`);
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || `the server answered ${response.status}`);
  }
  return body.token;
}

async function login(event) {
  event.preventDefault();
  if (!(await clientLoaded)) {
    return;
  }
  const name = $("name").value.trim();
  const room = $("room").value.trim();
  if (!name || !room) {
    showError("login-error", "Pick a name and a room.");
    return;
  }
  $("join").disabled = true;
  showError("login-error", "");
  try {
    connect(await fetchToken(name), room);
  } catch (error) {
    showError("login-error", `Cannot get a token: ${error.message}`);
    $("join").disabled = false;
  }
}

function connect(token, room) {
  leaving = false;
  socket = new phoenix.Socket(`${base}/socket`, { params: { token } });
  socket.onOpen(() => setStatus("online", "online"));
  socket.onError(() => setStatus("reconnecting…", "connecting"));
  socket.onClose(() => {
    if (leaving) {
      setStatus("offline", "offline");
    } else {
      setStatus("offline, reconnecting…", "offline");
    }
  });
  setStatus("connecting…", "connecting");
  socket.connect();

  channel = socket.channel(room, {});
  const presence = new phoenix.Presence(channel);
  presence.onSync(() => renderPresence(presence));
  channel.on("new_msg", (message) => addMessage(message));

  // The join hooks run again on every rejoin (after a reconnection, say): the history and
  // the switch to the chat view happen only on the first one.
  channel.join()
    .receive("ok", ({ messages } = {}) => {
      if (joined) {
        return;
      }
      joined = true;
      (messages || []).forEach(addMessage);
      $("login").hidden = true;
      $("chat").hidden = false;
      $("room-title").textContent = room;
      $("body").focus();
    })
    .receive("error", ({ reason } = {}) => {
      if (joined) {
        return;
      }
      showError("login-error", `Cannot join ${room}: ${reason || "refused"}`);
      leave();
    })
    .receive("timeout", () => {
      if (!joined) {
        showError("login-error", `No answer from the server for ${room} yet; still trying…`);
      }
    });
}

function leave() {
  leaving = true;
  channel.leave();
  socket.disconnect();
  channel = null;
  $("join").disabled = false;
}

function addMessage({ body, user_id }) {
  const item = document.createElement("li");
  const from = document.createElement("span");
  from.className = "from";
  from.textContent = user_id;
  const text = document.createElement("span");
  text.className = "body";
  text.textContent = body;
  item.append(from, text);
  $("messages").append(item);
  $("messages").scrollTop = $("messages").scrollHeight;
}

function renderPresence(presence) {
  const list = $("presence");
  list.replaceChildren();
  presence.list((id, { metas }) => {
    const item = document.createElement("li");
    item.dataset.user = id;
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = id;
    item.append(name);
    if (metas.some((meta) => meta.typing)) {
      const note = document.createElement("span");
      note.className = "typing";
      note.textContent = "is typing…";
      item.append(note);
    }
    list.append(item);
  });
}

function send(event) {
  event.preventDefault();
  if (!channel) {
    return;
  }
  const body = $("body").value;
  channel.push("new_msg", { body })
    .receive("ok", () => {
      $("body").value = "";
      showError("send-error", "");
      setTyping(false);
    })
    .receive("error", ({ errors, reason } = {}) => {
      const reasons = Object.entries(errors || {})
        .map(([field, list]) => `${field} ${list.join(", ")}`);
      showError("send-error", `Not sent: ${reasons.join("; ") || reason || "refused"}`);
    })
    .receive("timeout", () => showError("send-error", "Not sent: the server did not answer"));
}

function setTyping(now) {
  clearTimeout(typingTimer);
  if (now !== typing && channel) {
    typing = now;
    channel.push("typing", { typing });
  }
}

function onInput() {
  setTyping($("body").value.length > 0);
  if (typing) {
    typingTimer = setTimeout(() => setTyping(false), 2000);
  }
}

$("login").addEventListener("submit", login);
$("send").addEventListener("submit", send);
$("body").addEventListener("input", onInput);
