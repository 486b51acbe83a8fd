// The chat page, on the official phoenix client (served from the npm package by the build).
import { Socket, Presence } from "./vendor/phoenix.mjs";

const $ = (id) => document.getElementById(id);
let socket = null;
let channel = null;
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

async function login(event) {
  event.preventDefault();
  const name = $("name").value.trim();
  const room = $("room").value.trim();
  const response = await fetch(`/token?user_id=${encodeURIComponent(name)}`);
  const { token } = await response.json();

  socket = new Socket("/socket", { params: { token } });
  socket.onOpen(() => setStatus("online", "online"));
  socket.onError(() => setStatus("reconnecting…", "connecting"));
  socket.onClose(() => setStatus("offline, reconnecting…", "offline"));
  socket.connect();

  channel = socket.channel(room, {});
  const presence = new Presence(channel);
  presence.onSync(() => renderPresence(presence));
  channel.on("new_msg", (message) => addMessage(message));

  channel.join()
    .receive("ok", () => {
      showError("login-error", "");
      $("login").hidden = true;
      $("chat").hidden = false;
      $("room-title").textContent = room;
      $("body").focus();
    })
    .receive("error", ({ reason }) => {
      showError("login-error", `Cannot join ${room}: ${reason}`);
      channel.leave();
      socket.disconnect();
    });
}

function addMessage({ body, user_id }) {
  const item = document.createElement("li");
  const from = document.createElement("span");
  from.className = "from";
  from.textContent = user_id;
  item.append(from, document.createTextNode(body));
  $("messages").append(item);
  $("messages").scrollTop = $("messages").scrollHeight;
}

function renderPresence(presence) {
  const list = $("presence");
  list.replaceChildren();
  presence.list((id, { metas }) => {
    const item = document.createElement("li");
    item.textContent = id;
    item.dataset.user = id;
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
  const body = $("body").value;
  channel.push("new_msg", { body })
    .receive("ok", () => {
      $("body").value = "";
      showError("send-error", "");
      setTyping(false);
    })
    .receive("error", ({ errors }) => {
      const reasons = Object.entries(errors || {}).map(([field, list]) => `${field} ${list.join(", ")}`);
      showError("send-error", `Not sent: ${reasons.join("; ") || "refused"}`);
    })
    .receive("timeout", () => showError("send-error", "Not sent: the server did not answer"));
}

function setTyping(now) {
  if (now !== typing && channel) {
    typing = now;
    channel.push("typing", { typing });
  }
}

function onInput() {
  setTyping($("body").value.length > 0);
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => setTyping(false), 2000);
}

$("login").addEventListener("submit", login);
$("send").addEventListener("submit", send);
$("body").addEventListener("input", onInput);
