// Conformance of the emulator with the official Node SDK, @passwordlessdev/passwordless-nodejs@1.0.1.
//
// Calls every method of PasswordlessClient against a running emulator (seeded with
// tests/sdk/seed.json) and checks each result for real, cross-checking through the CLI and the
// emulator's inspection routes. Exits non-zero when any check fails.
//
// Environment: PASSWORDLESS_API_URL, PASSWORDLESS_API_SECRET, PASSWORDLESS_BIN, SDK_NODE_DIR (the
// folder whose node_modules holds the SDK; run.sh installs it in a temporary folder).

import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import assert from "node:assert/strict";
import { passkeyTokens, ORIGIN, RP_ID } from "./passkey.mjs";

const url = process.env.PASSWORDLESS_API_URL;
const secret = process.env.PASSWORDLESS_API_SECRET;
const bin = process.env.PASSWORDLESS_BIN;
const require = createRequire(`${process.env.SDK_NODE_DIR}/`);
const sdk = require("@passwordlessdev/passwordless-nodejs");
const { PasswordlessClient, RegisterOptions, SendMagicLinkRequest, GenerateAuthenticationTokenRequest,
  ApiException, Converters } = sdk;

const client = new PasswordlessClient(secret, { baseUrl: url });
const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`  ok   ${name}`);
  } catch (err) {
    results.push([name, false]);
    console.log(`  FAIL ${name}: ${err && err.stack ? err.stack : err}`);
  }
}

/** Runs the CLI against the same emulator and parses its JSON stdout. */
function cli(...args) {
  const out = execFileSync(bin, [...args, "--json"], {
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
  });
  return JSON.parse(out);
}

async function emulator(path) {
  const res = await fetch(`${url}${path}`);
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

/** The server's alias hash: base64(SHA-256(appId + alias)). */
function aliasHash(alias) {
  return createHash("sha256").update(`devapp${alias}`).digest("base64");
}

async function expectApiException(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiException, `expected ApiException, got ${err}`);
    return err.details;
  }
  assert.fail("expected the call to fail");
}

await check("createRegisterToken (plain object) returns a register_ token", async () => {
  const res = await client.createRegisterToken({ userId: "node-new", username: "node@example.com" });
  assert.match(res.token, /^register_[A-Za-z0-9_-]+$/);
});

await check("a self-hosted base URL with an /api/ path prefix works", async () => {
  // Self-hosted servers serve the API under /api/; the SDK joins relative paths onto it.
  const prefixed = new PasswordlessClient(secret, { baseUrl: `${url}/api/` });
  const res = await prefixed.createRegisterToken({ userId: "node-prefix", username: "p@example.com" });
  assert.ok(res.token.startsWith("register_"), res.token);
});

await check("createRegisterToken (RegisterOptions with every field, Date expiresAt)", async () => {
  const opts = new RegisterOptions();
  opts.userId = "node-full";
  opts.username = "full@example.com";
  opts.displayName = "Full Options";
  opts.authenticatorType = "platform";
  opts.aliases = ["full@example.com"];
  opts.aliasHashing = false;
  opts.expiresAt = new Date(Date.now() + 5 * 60 * 1000);
  const res = await client.createRegisterToken(opts);
  assert.match(res.token, /^register_/);
});

await check("createRegisterToken without username → ApiException 400 with validation errors", async () => {
  const d = await expectApiException(client.createRegisterToken({ userId: "node-x" }));
  assert.equal(d.status, 400);
  assert.ok(d.title, "title");
  assert.ok(d.errors && d.errors.username, `errors.username in ${JSON.stringify(d)}`);
});

let signinToken;
await check("generateAuthenticationToken returns a verify_ token", async () => {
  const res = await client.generateAuthenticationToken(new GenerateAuthenticationTokenRequest("alice", 300));
  assert.ok(res, "the SDK returns null on any error");
  assert.match(res.token, /^verify_/);
  signinToken = res.token;
});

await check("verifyToken verifies the generated token through the SDK", async () => {
  const user = await client.verifyToken(signinToken);
  assert.ok(user, "the SDK returns null on any error");
  assert.equal(user.success, true);
  assert.equal(user.userId, "alice");
  assert.equal(user.type, "generated_signin");
  assert.ok(!Number.isNaN(Date.parse(user.expiresAt)), "expiresAt parses");
});

await check("the same token verifies through the CLI (passwordless verify --json)", async () => {
  const user = cli("verify", signinToken);
  assert.equal(user.success, true);
  assert.equal(user.userId, "alice");
});

await check("verifyToken of an invalid token → null (SDK swallows errors)", async () => {
  assert.equal(await client.verifyToken("verify_garbage!!"), null);
});

await check("invalid token through the SDK's HTTP client → problem details with errorCode", async () => {
  // verifyToken swallows errors, so use its axios instance: same interceptor, same parsing.
  const d = await expectApiException(client._httpClient.post("signin/verify", { token: "not-a-token" }));
  assert.equal(d.status, 400);
  assert.equal(d.errorCode, "invalid_token");
  assert.ok(d.title);
  assert.equal(d.type, "https://docs.passwordless.dev/guide/errors.html#invalid_token");
});

await check("wrong secret → ApiException 401 #ApiSecret", async () => {
  const bad = new PasswordlessClient("devapp:secret:ffffffffffffffffffffffffffffffff", { baseUrl: url });
  const d = await expectApiException(bad.createRegisterToken({ userId: "x", username: "x" }));
  assert.equal(d.status, 401);
  assert.equal(d.title, "A valid 'ApiSecret' header is required.");
  assert.equal(d.type, "https://docs.passwordless.dev/guide/errors.html#ApiSecret");
});

await check("listAliases (userid=, lower case) returns the seeded plaintext alias", async () => {
  const values = await client.listAliases("alice");
  assert.deepEqual(values.map((a) => [a.userId, a.alias, a.plaintext]),
    [["alice", aliasHash("alice@example.com"), "alice@example.com"]]);
});

await check("setAliases hashing=false then listAliases round-trips plaintext", async () => {
  const res = await client.setAliases({ userId: "bob", aliases: ["bob@work.example", "bobby"], hashing: false });
  assert.equal(res.status, 204);
  const values = await client.listAliases("bob");
  assert.deepEqual(values.map((a) => a.plaintext).sort(), ["bob@work.example", "bobby"]);
  assert.deepEqual(values.map((a) => a.alias).sort(), [aliasHash("bob@work.example"), aliasHash("bobby")].sort());
});

await check("setAliases with default hashing (true) stores only the hash", async () => {
  await client.setAliases({ userId: "bob", aliases: ["hashed@example.com"] });
  const values = await client.listAliases("bob");
  assert.deepEqual(values.map((a) => [a.alias, a.plaintext]), [[aliasHash("hashed@example.com"), null]]);
});

await check("setAliases with another user's alias → ApiException 409 alias_conflict", async () => {
  const d = await expectApiException(client.setAliases({ userId: "bob", aliases: ["alice@example.com"] }));
  assert.equal(d.status, 409);
  assert.equal(d.errorCode, "alias_conflict");
});

await check("listCredentials returns the seeded credentials", async () => {
  const values = await client.listCredentials("bob");
  assert.deepEqual(values.map((c) => c.descriptor.id).sort(), ["BQYHCA", "CQoLDA"]);
  for (const c of values) {
    assert.equal(c.userId, "bob");
    assert.equal(c.descriptor.type, "public-key");
    assert.equal(typeof c.rpid, "string");
  }
  // The SDK's own decoder turns the base64url id back into the seeded bytes.
  const ids = values.map((c) => Array.from(Object.assign(new sdk.CredentialDescriptor(), c.descriptor).getId()));
  assert.ok(ids.some((b) => b.join() === "5,6,7,8"));
});

await check("deleteCredential(Uint8Array) removes it (SDK and CLI agree)", async () => {
  const res = await client.deleteCredential(Converters.base64UrlToUint8Array("BQYHCA"));
  assert.equal(res.status, 204);
  const values = await client.listCredentials("bob");
  assert.deepEqual(values.map((c) => c.descriptor.id), ["CQoLDA"]);
  const viaCli = cli("credentials", "list", "--user-id", "bob");
  assert.deepEqual(viaCli.map((c) => c.descriptor.id), ["CQoLDA"]);
});

await check("deleteUser removes the user (gone from passwordless users list)", async () => {
  assert.ok(cli("users", "list").some((u) => u.userId === "carol"), "carol is seeded");
  const res = await client.deleteUser("carol");
  assert.equal(res.status, 200);
  const users = cli("users", "list");
  assert.ok(!users.some((u) => u.userId === "carol"), JSON.stringify(users));
  assert.deepEqual(await client.listCredentials("carol"), []);
});

await check("sendMagicLink lands in the outbox with a working verify_ token", async () => {
  const res = await client.sendMagicLink(
    new SendMagicLinkRequest("alice.node@example.com", "https://app.example/login?token=$TOKEN", "alice", 600));
  assert.equal(res.status, 204);
  const outbox = await emulator("/_emulator/outbox");
  const mail = outbox.find((m) => m.to === "alice.node@example.com");
  assert.ok(mail, JSON.stringify(outbox));
  assert.equal(mail.userId, "alice");
  assert.match(mail.token, /^verify_/);
  assert.equal(mail.link, `https://app.example/login?token=${mail.token}`);
  const user = await client.verifyToken(mail.token);
  assert.equal(user.success, true);
  assert.equal(user.type, "magic_link");
});

await check("sendMagicLink without $TOKEN in the template → ApiException 400", async () => {
  const d = await expectApiException(
    client.sendMagicLink(new SendMagicLinkRequest("a@example.com", "https://app.example/", "alice")));
  assert.equal(d.status, 400);
});

let passkey;
await check("a real ES256 passkey registers and signs in through the frontend routes", async () => {
  passkey = await passkeyTokens({
    url,
    apiKey: process.env.PASSWORDLESS_API_KEY,
    secret,
    userId: "node-passkey",
    alias: "node-passkey@example.com",
  });
  assert.match(passkey.signinToken, /^verify_/);
});

await check("verifyToken accepts the passkey_signin token with the credential's details", async () => {
  const user = await client.verifyToken(passkey.signinToken);
  assert.ok(user, "verifyToken returned null (it swallows errors)");
  assert.equal(user.success, true);
  assert.equal(user.type, "passkey_signin");
  assert.equal(user.userId, "node-passkey");
  assert.equal(user.purpose, "sign-in");
  assert.equal(user.origin, ORIGIN);
  assert.equal(user.rpId, RP_ID);
  assert.equal(user.nickname, "Node test key");
  assert.equal(user.device, "Chrome, Mac OS X 10");
  assert.equal(user.country, "");
  // Standard base64 on the wire; the SDK's Converters read it back to the same bytes.
  assert.deepEqual(
    Buffer.from(Converters.base64UrlToUint8Array(user.credentialId)),
    Buffer.from(passkey.credentialId, "base64url"),
  );
});

await check("verifyToken accepts the passkey_register token", async () => {
  const user = await client.verifyToken(passkey.registerToken);
  assert.ok(user, "verifyToken returned null");
  assert.equal(user.type, "passkey_register");
  assert.equal(user.userId, "node-passkey");
  assert.equal(user.purpose, null);
});

await check("the passkey is listed by listCredentials and the token verifies through the CLI", async () => {
  const creds = await client.listCredentials("node-passkey");
  assert.equal(creds.length, 1);
  assert.equal(creds[0].descriptor.id, passkey.credentialId);
  assert.equal(creds[0].signatureCounter, 1);
  const user = cli("verify", passkey.signinToken);
  assert.equal(user.type, "passkey_signin");
  assert.equal(user.credentialId, Buffer.from(passkey.credentialId, "base64url").toString("base64"));
});

// Last: it moves the emulator's clock a day forward.
await check("a new app mails only its admin until a day old (NewAccountTimeout) → ApiException 403", async () => {
  const post = (path, body, headers = {}) => fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const management = process.env.PASSWORDLESS_MANAGEMENT_KEY ?? "shared_dev_key";
  const created = await post("/admin/apps/nodenewapp/create", { adminEmail: "owner@example.com" },
    { ManagementKey: management });
  const body = await created.text();
  assert.equal(created.status, 200, body);
  const young = new PasswordlessClient(JSON.parse(body).apiSecret1, { baseUrl: url });
  const link = (to) => young.sendMagicLink(
    new SendMagicLinkRequest(to, "https://app.example/login?token=$TOKEN", "u1", 600));
  const d = await expectApiException(link("someone@example.com"));
  assert.equal(d.status, 403);
  assert.equal(d.errorCode, "magic_link_email_admin_address_only");
  assert.equal(d.title, "Because your application has been created less than 24 hours ago, "
    + "you can only request magic links to the admin email address.");
  assert.equal((await link("OWNER@example.com")).status, 204);
  const moved = await post("/_emulator/clock/advance", { by: "24h" });
  assert.equal(moved.status, 200, await moved.text());
  assert.equal((await link("someone@example.com")).status, 204);
});

const failed = results.filter(([, ok]) => !ok).length;
console.log(`node SDK @passwordlessdev/passwordless-nodejs@1.0.1: ${results.length - failed}/${results.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
