// A software authenticator for the SDK conformance scripts: registers a fresh ES256 key through
// the emulator's four frontend routes (as a browser page on http://localhost would) and signs in
// with it, so the SDKs can be shown real passkey_register and passkey_signin verify tokens.
// Uses only Node's own crypto and fetch.
//
// As a module: `await passkeyTokens({url, apiKey, secret, userId, alias})`.
// As a script: prints that result as JSON (environment PASSWORDLESS_API_URL, PASSWORDLESS_API_KEY,
// PASSWORDLESS_API_SECRET; optional arguments USER_ID and ALIAS).

import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { fileURLToPath } from "node:url";

export const ORIGIN = "http://localhost:3000";
export const RP_ID = "localhost";
export const USER_AGENT =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";

const b64url = (buf) => Buffer.from(buf).toString("base64url");
const sha256 = (buf) => createHash("sha256").update(buf).digest();

/** The CBOR head for major type `major` and argument `n`. */
function head(major, n) {
  const m = major << 5;
  if (n < 24) return Buffer.from([m | n]);
  if (n < 0x100) return Buffer.from([m | 24, n]);
  if (n < 0x10000) return Buffer.from([m | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = m | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Encodes integers, text, byte strings and Maps: all WebAuthn needs here. */
function cbor(v) {
  if (typeof v === "number") return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === "string") {
    const b = Buffer.from(v, "utf8");
    return Buffer.concat([head(3, b.length), b]);
  }
  if (Buffer.isBuffer(v)) return Buffer.concat([head(2, v.length), v]);
  if (v instanceof Map) {
    const parts = [head(5, v.size)];
    for (const [k, x] of v) parts.push(cbor(k), cbor(x));
    return Buffer.concat(parts);
  }
  throw new Error(`cannot encode ${typeof v}`);
}

async function post(url, path, headers, body) {
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, ...headers },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function clientData(type, challenge) {
  return Buffer.from(JSON.stringify({ type, challenge, origin: ORIGIN, crossOrigin: false }));
}

/** authenticatorData: rpIdHash, flags (UP, UV, and AT when a credential is attached), counter. */
function authData(counter, credential) {
  const fixed = Buffer.alloc(37);
  sha256(RP_ID).copy(fixed, 0);
  fixed[32] = credential ? 0x45 : 0x05;
  fixed.writeUInt32BE(counter, 33);
  if (!credential) return fixed;
  const idLen = Buffer.alloc(2);
  idLen.writeUInt16BE(credential.id.length);
  return Buffer.concat([fixed, Buffer.alloc(16), idLen, credential.id, credential.cose]);
}

export async function passkeyTokens({ url, apiKey, secret, userId, alias }) {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const jwk = publicKey.export({ format: "jwk" });
  const cose = cbor(
    new Map([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(jwk.x, "base64url")],
      [-3, Buffer.from(jwk.y, "base64url")],
    ]),
  );
  const id = randomBytes(16);
  const key = { ApiKey: apiKey };

  const { token } = await post(url, "/register/token", { ApiSecret: secret }, {
    userId,
    username: `${userId}@example.com`,
    aliases: [alias],
  });
  const reg = await post(url, "/register/begin", key, { token, RPID: RP_ID, Origin: ORIGIN });
  const createData = clientData("webauthn.create", reg.data.challenge);
  const attestation = cbor(
    new Map([
      ["fmt", "none"],
      ["attStmt", new Map()],
      ["authData", authData(0, { id, cose })],
    ]),
  );
  const registered = await post(url, "/register/complete", key, {
    session: reg.session,
    response: {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        attestationObject: b64url(attestation),
        clientDataJSON: b64url(createData),
        transports: ["internal"],
      },
    },
    nickname: "Node test key",
    RPID: RP_ID,
    Origin: ORIGIN,
  });

  const signin = await post(url, "/signin/begin", key, { alias, RPID: RP_ID, Origin: ORIGIN });
  const getData = clientData("webauthn.get", signin.data.challenge);
  const assertion = authData(1, null);
  const signature = sign("sha256", Buffer.concat([assertion, sha256(getData)]), privateKey);
  const signedIn = await post(url, "/signin/complete", key, {
    session: signin.session,
    response: {
      id: b64url(id),
      rawId: b64url(id),
      type: "public-key",
      clientExtensionResults: {},
      response: {
        authenticatorData: b64url(assertion),
        clientDataJSON: b64url(getData),
        signature: b64url(signature),
        userHandle: b64url(Buffer.from(userId)),
      },
    },
    RPID: RP_ID,
    Origin: ORIGIN,
  });
  return {
    userId,
    credentialId: b64url(id),
    registerToken: registered.token,
    signinToken: signedIn.token,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await passkeyTokens({
    url: process.env.PASSWORDLESS_API_URL,
    apiKey: process.env.PASSWORDLESS_API_KEY,
    secret: process.env.PASSWORDLESS_API_SECRET,
    userId: process.argv[2] ?? "passkey-user",
    alias: process.argv[3] ?? "passkey-user@example.com",
  });
  console.log(JSON.stringify(result));
}
