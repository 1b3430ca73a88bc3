// A Node test suite against the Passwordless.dev emulator, with the official SDK.
// Run: node --test, with PASSWORDLESS_API_URL and PASSWORDLESS_API_SECRET set.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { PasswordlessClient, GenerateAuthenticationTokenRequest } from "@passwordlessdev/passwordless-nodejs";

const url = process.env.PASSWORDLESS_API_URL;
const secret = process.env.PASSWORDLESS_API_SECRET;
const client = new PasswordlessClient(secret, { baseUrl: url });

// The emulator's control routes: POST /_emulator/reset, POST /_emulator/clock/advance.
async function emulator(path, body) {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method: "POST",
    headers: body ? { "Content-Type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(res.ok, `POST /_emulator/${path}: HTTP ${res.status}`);
}

// Every test starts from the emulator's initial state, on the machine's time.
beforeEach(() => emulator("reset"));

test("a user made in one test...", async () => {
  await client.setAliases({ userId: "ci-user", aliases: ["ci-user@example.com"], hashing: false });
  const aliases = await client.listAliases("ci-user");
  assert.deepEqual(aliases.map((a) => a.plaintext), ["ci-user@example.com"]);
});

test("...is gone in the next", async () => {
  assert.deepEqual(await client.listAliases("ci-user"), []);
});

test("a sign-in token expires when the clock moves past its lifetime", async () => {
  const { token } = await client.generateAuthenticationToken(
    new GenerateAuthenticationTokenRequest("ci-user", 60));
  assert.equal((await client.verifyToken(token)).userId, "ci-user");

  await emulator("clock/advance", { by: "2m" });
  // The SDK's verifyToken answers null for any error; the API says which.
  assert.equal(await client.verifyToken(token), null);
  const res = await fetch(`${url}/signin/verify`, {
    method: "POST",
    headers: { ApiSecret: secret, "Content-Type": "application/json" },
    body: JSON.stringify({ token }),
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).errorCode, "expired_token");
});
