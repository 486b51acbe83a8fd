// Drives the deployed chat WAR with the official phoenix client, as the page does: a token
// from GET /token, a socket with it, room:lobby joined, the presence state, a message sent
// and its broadcast received, and room:secret refused. Prints one JSON line with what it saw
// (ChatWarIT asserts on it) and exits 0, or prints {"error": ...} and exits 1.
//
// CHAT_URL is the application's base, such as http://127.0.0.1:8080/chat.
"use strict";

const { Socket } = require("phoenix");
const WebSocket = require("ws");

const base = process.env.CHAT_URL;
const userId = process.env.CHAT_USER || "war-client";
const LIMIT_MS = Number(process.env.CHAT_LIMIT_MS || 30000);

function step(name, start) {
  return new Promise((resolve, reject) => start(resolve, (why) => {
    reject(new Error(`${name}: ${typeof why === "string" ? why : JSON.stringify(why)}`));
  }));
}

async function main() {
  const response = await fetch(`${base}/token?user_id=${encodeURIComponent(userId)}`);
  const issued = await response.json();

  const socket = new Socket(base.replace(/^http/, "ws") + "/socket", {
    transport: WebSocket,
    params: { token: issued.token },
    reconnectAfterMs: () => 60000,
  });
  const opened = step("open", (resolve, reject) => {
    socket.onOpen(resolve);
    socket.onError((error) => reject(String(error && error.message || error)));
  });
  socket.connect();
  await opened;

  const lobby = socket.channel("room:lobby", {});
  const state = step("presence_state", (resolve) => lobby.on("presence_state", resolve));
  const broadcast = step("new_msg broadcast", (resolve) => lobby.on("new_msg", resolve));
  const joined = await step("join room:lobby", (resolve, reject) => lobby.join()
    .receive("ok", resolve).receive("error", reject).receive("timeout", () => reject("timeout")));
  const presence = await state;

  const reply = await step("push new_msg", (resolve, reject) =>
    lobby.push("new_msg", { body: "hello from node" })
      .receive("ok", resolve).receive("error", reject).receive("timeout", () => reject("timeout")));
  const message = await broadcast;

  const secret = await step("join room:secret", (resolve, reject) =>
    socket.channel("room:secret", {}).join()
      .receive("ok", () => reject("room:secret was joined"))
      .receive("error", resolve).receive("timeout", () => reject("timeout")));

  socket.disconnect();
  return { issued: { user_id: issued.user_id }, joined, presence, reply, message, secret };
}

const limit = setTimeout(() => {
  console.log(JSON.stringify({ error: `no result within ${LIMIT_MS} ms` }));
  process.exit(1);
}, LIMIT_MS);

main().then((result) => {
  clearTimeout(limit);
  console.log(JSON.stringify(result));
  process.exit(0);
}, (error) => {
  clearTimeout(limit);
  console.log(JSON.stringify({ error: String(error && error.stack || error) }));
  process.exit(1);
});
