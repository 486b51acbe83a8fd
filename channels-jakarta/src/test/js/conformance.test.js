// The official phoenix client (1.8.16) against a channels server started by the Java build
// (PhoenixClientConformanceTest). CHANNELS_URL is the socket's mount, such as
// ws://127.0.0.1:PORT/socket; CHANNELS_LP_ONLY_URL is a mount served by long-poll only.
// Every wait is bounded; a test that waits longer fails.
"use strict";

const { test } = require("node:test");
const assert = require("node:assert/strict");
const WebSocket = require("ws");
const { Socket, LongPoll, Presence } = require("phoenix");

const URL = process.env.CHANNELS_URL;
const LP_ONLY_URL = process.env.CHANNELS_LP_ONLY_URL;
if (!URL || !LP_ONLY_URL) {
  throw new Error("CHANNELS_URL and CHANNELS_LP_ONLY_URL must be set (run from the Java test)");
}

const WAIT_MS = 5000;
let unique = 0;

function topic(name) {
  unique += 1;
  return `room:js-${name}-${process.pid}-${unique}`;
}

function connect(options = {}) {
  const socket = new Socket(options.url || URL, {
    transport: WebSocket,
    reconnectAfterMs: () => 20,
    rejoinAfterMs: () => 50,
    ...options,
  });
  socket.connect();
  return socket;
}

function waitFor(description, predicate, ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const check = () => {
      let value;
      try {
        value = predicate();
      } catch (e) {
        reject(e);
        return;
      }
      if (value) {
        resolve(value);
      } else if (Date.now() > deadline) {
        reject(new Error(`not within ${ms} ms: ${description}`));
      } else {
        setTimeout(check, 5);
      }
    };
    check();
  });
}

function receive(push, status) {
  return new Promise((resolve, reject) => {
    push.receive(status, resolve);
    for (const other of ["ok", "error", "timeout"].filter((s) => s !== status)) {
      push.receive(other, (response) =>
        reject(new Error(`expected ${status}, got ${other}: ${JSON.stringify(response)}`)));
    }
  });
}

function join(socket, name, params = {}) {
  const channel = socket.channel(name, params);
  const events = [];
  channel.on("joined", (payload) => events.push(["joined", payload]));
  channel.on("new_msg", (payload) => events.push(["new_msg", payload]));
  channel.on("bcast_from", (payload) => events.push(["bcast_from", payload]));
  channel.on("user_entered", (payload) => events.push(["user_entered", payload]));
  return { channel, events, joined: receive(channel.join(), "ok") };
}

function done(...sockets) {
  for (const socket of sockets) {
    socket.disconnect();
  }
}

test("join, push and reply", async () => {
  const socket = connect();
  const { channel, events, joined } = join(socket, topic("join"), { user: "u1" });
  assert.deepEqual(await joined, {});
  await waitFor("joined and user_entered", () => events.length >= 2);
  assert.deepEqual(events[0], ["joined", { status: "connected", user_id: null }]);
  assert.deepEqual(events[1], ["user_entered", { user: "u1" }]);
  assert.deepEqual(await receive(channel.push("ping", { a: 1 }), "ok"), { a: 1 });
  assert.deepEqual(await receive(channel.push("nope", {}), "error"),
    { reason: "unhandled event" });
  done(socket);
});

test("broadcast reaches every member and broadcastFrom skips the sender", async () => {
  const name = topic("broadcast");
  const a = connect();
  const b = connect();
  const ja = join(a, name);
  const jb = join(b, name);
  await ja.joined;
  await jb.joined;
  ja.channel.push("new_msg", { body: "hi" });
  await waitFor("new_msg on a", () => ja.events.some(([e]) => e === "new_msg"));
  await waitFor("new_msg on b", () => jb.events.some(([e]) => e === "new_msg"));
  assert.deepEqual(jb.events.find(([e]) => e === "new_msg")[1],
    { body: "hi", transport: ":websocket" });
  ja.channel.push("bcast_from", { m: 1 });
  await waitFor("bcast_from on b", () => jb.events.some(([e]) => e === "bcast_from"));
  await receive(ja.channel.push("ping", {}), "ok");
  assert.equal(ja.events.some(([e]) => e === "bcast_from"), false);
  done(a, b);
});

test("heartbeats are answered", async () => {
  const socket = connect({ heartbeatIntervalMs: 50 });
  const { joined } = join(socket, topic("heartbeat"));
  await joined;
  const latency = await new Promise((resolve) => socket.ping(resolve));
  assert.ok(latency >= 0);
  const closes = [];
  socket.onClose((event) => closes.push(event));
  await new Promise((resolve) => setTimeout(resolve, 300)); // six heartbeat intervals
  assert.deepEqual(closes, []);
  assert.equal(socket.isConnected(), true);
  done(socket);
});

test("a crashed channel errors and the client rejoins it", async () => {
  const socket = connect();
  const { channel, events, joined } = join(socket, topic("crash"));
  await joined;
  const errors = [];
  channel.onError((reason) => errors.push(reason));
  channel.push("boom", {});
  await waitFor("phx_error", () => errors.length === 1);
  assert.deepEqual(errors[0], { reason: "channel_crash" });
  await waitFor("rejoined", () => events.filter(([e]) => e === "joined").length === 2);
  assert.equal(channel.state, "joined");
  done(socket);
});

test("a server-side close makes the client reconnect and rejoin", async () => {
  const socket = connect({ params: { user_id: `js-${process.pid}` } });
  const { channel, events, joined } = join(socket, topic("disconnect"));
  await joined;
  const closes = [];
  socket.onClose((event) => closes.push(event.code));
  channel.push("disconnect_me", {});
  await waitFor("closed", () => closes.length === 1);
  assert.equal(closes[0], 1001);
  await waitFor("rejoined", () => events.filter(([e]) => e === "joined").length === 2);
  assert.equal(socket.isConnected(), true);
  done(socket);
});

test("a refused join reports the error", async () => {
  const socket = connect();
  const channel = socket.channel("room:refused", {});
  const response = await receive(channel.join(), "error");
  assert.deepEqual(response, { reason: "unauthorized" });
  channel.leave();
  done(socket);
});

test("a refused connect never opens", async () => {
  const socket = connect({ params: { reject: "true" } });
  const errors = [];
  const opens = [];
  socket.onError((error) => errors.push(error));
  socket.onOpen(() => opens.push(true));
  await waitFor("an error", () => errors.length >= 1);
  assert.deepEqual(opens, []);
  done(socket);
});

test("binary payloads travel both ways", async () => {
  const socket = connect();
  const { channel, joined } = join(socket, topic("binary"));
  await joined;
  const pushed = [];
  channel.on("binary_event", (payload) => pushed.push(payload));
  const reply = await receive(channel.push("binary_event", new Uint8Array([1, 2]).buffer), "ok");
  assert.ok(reply instanceof ArrayBuffer);
  assert.deepEqual([...new Uint8Array(reply)], [1, 2, 3, 4]);
  await waitFor("the binary push", () => pushed.length === 1);
  assert.deepEqual([...new Uint8Array(pushed[0])], [0, 1]);
  done(socket);
});

test("the auth token reaches connect", async () => {
  const good = connect({ authToken: "secret-token", params: { auth: "secret-token" } });
  const { joined } = join(good, topic("auth"));
  await joined;
  const bad = connect({ authToken: "wrong-token", params: { auth: "secret-token" } });
  const errors = [];
  bad.onError((error) => errors.push(error));
  await waitFor("the wrong token is refused", () => errors.length >= 1);
  assert.equal(bad.isConnected(), false);
  done(good, bad);
});

// A Presence with its callbacks recorded as "join key" and "leave key", in order.
function watchPresence(channel) {
  const presence = new Presence(channel);
  const seen = { presence, calls: [], syncs: 0 };
  presence.onJoin((key) => seen.calls.push(`join ${key}`));
  presence.onLeave((key) => seen.calls.push(`leave ${key}`));
  presence.onSync(() => { seen.syncs += 1; });
  return seen;
}

// Each key with its metas as "typing/phx_ref": what two views must agree on. Keys are sorted:
// a client keeps them in arrival order, so one that got a key from a diff after its
// presence_state (the other member's track ran late) lists it last.
function view(presence) {
  return byKey(presence.list((key, { metas }) =>
    [key, metas.map((m) => `${m.typing}/${m.phx_ref}`)]));
}

function typing(presence) {
  return byKey(presence.list((key, { metas }) => [key, metas.map((m) => m.typing)]));
}

function byKey(entries) {
  return JSON.stringify(Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

test("presence: two clients see each other join, update, crash and leave", async () => {
  unique += 1;
  const name = `presence:js-${process.pid}-${unique}`;
  const a = connect();
  const b = connect();
  const alice = a.channel(name, { user: "alice" });
  const byAlice = watchPresence(alice);
  await receive(alice.join(), "ok");
  const bob = b.channel(name, { user: "bob" });
  const byBob = watchPresence(bob);
  await receive(bob.join(), "ok");
  const aboutBob = () => byAlice.calls.filter((call) => call.endsWith(" bob"));

  const both = JSON.stringify({ alice: [false], bob: [false] });
  await waitFor("alice sees bob join", () => typing(byAlice.presence) === both);
  await waitFor("bob sees both", () => typing(byBob.presence) === both);
  assert.equal(view(byAlice.presence), view(byBob.presence));
  assert.ok(aboutBob().every((call) => call === "join bob"));

  await receive(bob.push("typing", { typing: true }), "ok");
  const bobTyping = JSON.stringify({ alice: [false], bob: [true] });
  await waitFor("alice sees bob typing", () => typing(byAlice.presence) === bobTyping);
  assert.deepEqual(aboutBob().slice(-2), ["join bob", "leave bob"], "one diff, joins first");
  await waitFor("bob sees himself typing", () => typing(byBob.presence) === bobTyping);
  const beforeCrash = byAlice.presence.list((key, { metas }) => metas)
    .find((metas) => metas[0].typing === true)[0].phx_ref;

  const errors = [];
  bob.onError(() => errors.push("error"));
  bob.push("boom", {});
  await waitFor("bob's channel crashed", () => errors.length === 1);
  await waitFor("alice sees bob's crashed meta leave and the rejoined one arrive", () =>
    typing(byAlice.presence) === both && !view(byAlice.presence).includes(beforeCrash));
  await waitFor("after the rejoin both views agree",
    () => view(byAlice.presence) === view(byBob.presence));
  const crashCalls = aboutBob().length;

  await receive(bob.leave(), "ok");
  const onlyAlice = JSON.stringify({ alice: [false] });
  await waitFor("alice sees bob leave", () => typing(byAlice.presence) === onlyAlice);
  assert.ok(aboutBob().length > crashCalls);
  assert.equal(aboutBob().at(-1), "leave bob");
  assert.ok(byAlice.syncs >= 5);
  done(a, b);
});

test("long-poll, forced: join, push, reply and broadcast", async () => {
  const name = topic("lp");
  const socket = connect({ transport: LongPoll, authToken: "secret-token",
    params: { auth: "secret-token" } });
  const { channel, events, joined } = join(socket, name, { user: "lp" });
  await joined;
  await waitFor("joined and user_entered", () => events.length >= 2);
  assert.deepEqual(await receive(channel.push("ping", { n: 1 }), "ok"), { n: 1 });
  const many = [];
  for (let i = 0; i < 120; i++) {
    many.push(receive(channel.push("ping", { i }), "ok"));
  }
  const replies = await Promise.all(many);
  assert.deepEqual(replies[119], { i: 119 });
  channel.push("new_msg", { body: "over lp" });
  await waitFor("new_msg", () => events.some(([e]) => e === "new_msg"));
  assert.deepEqual(events.find(([e]) => e === "new_msg")[1],
    { body: "over lp", transport: ":longpoll" });
  done(socket);
});

test("long-poll, fallback: a WebSocket that cannot connect falls back", async () => {
  const storage = new Map();
  const sessionStorage = {
    getItem: (key) => (storage.has(key) ? storage.get(key) : null),
    setItem: (key, value) => storage.set(key, String(value)),
    removeItem: (key) => storage.delete(key),
  };
  const socket = connect({ url: LP_ONLY_URL, longPollFallbackMs: 200, sessionStorage });
  const { channel, joined } = join(socket, topic("fallback"));
  await joined;
  assert.equal(socket.transport, LongPoll);
  assert.deepEqual(await receive(channel.push("ping", { via: "lp" }), "ok"), { via: "lp" });
  await waitFor("the fallback is remembered",
    () => storage.get("phx:fallback:LongPoll") === "true");
  done(socket);
});

test("long-poll, automatic: without a WebSocket the client polls", async () => {
  const saved = globalThis.WebSocket;
  globalThis.WebSocket = undefined; // Node 20 has none; newer Node versions do
  const socket = new Socket(URL, { reconnectAfterMs: () => 20 });
  globalThis.WebSocket = saved;
  assert.equal(socket.transport, LongPoll);
  socket.connect();
  const { channel, joined } = join(socket, topic("auto"));
  await joined;
  assert.deepEqual(await receive(channel.push("ping", {}), "ok"), {});
  done(socket);
});
