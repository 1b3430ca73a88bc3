// Browser end-to-end test (run through run.sh). A fresh emulator; a page on another localhost
// port that loads the official @passwordlessdev/passwordless-client; headless Chromium with a
// CDP virtual authenticator (ctap2, internal, resident keys, user verification). Every verify
// token is checked with `passwordless verify`, the passkey with `credentials list`, and after
// `credentials delete` the sign-in must fail with the server's real error. Then the emulator's
// own demo page does the same with the bare WebAuthn API, and its inspector at /_emulator/ must
// show a user made through the API without a reload (its hostile id as text) and the request in
// its log. Stops at the first failed step.
//
// With --tls the same test runs over https: `emulator --tls` makes its local CA in the test's
// config folder, the CLI trusts it through PASSWORDLESS_CA_CERT, and Chromium the way a user (or
// mkcert) makes it trusted: in the NSS database of the HOME it is started with, here a private
// one. No certificate error is ignored: Chrome refuses WebAuthn on a page with one. The client's
// page stays on http://localhost (a secure context already; an http page may call an https API),
// so the https side is the API cross-origin, then the demo page on the emulator's https origin.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.PASSWORDLESS_BIN;
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const unknown = process.argv.slice(2).filter((arg) => arg !== '--tls');
if (unknown.length > 0) {
  console.error(`usage: node e2e.mjs [--tls] (unknown: ${unknown.join(' ')})`);
  process.exit(2);
}
const tls = process.argv.includes('--tls');
const scheme = tls ? 'https' : 'http';
const configDir = mkdtempSync(path.join(os.tmpdir(), 'passwordless-e2e-'));
// Chromium's HOME: its NSS database (~/.pki/nssdb) holds the emulator's CA in --tls mode.
const browserHome = path.join(configDir, 'browser-home');
const started = performance.now();
let passed = 0;
let failed = 0;
const cleanups = [];

// A hung browser or server must fail the run, not stall CI.
setTimeout(() => {
  console.error(`FAIL: the browser test over ${scheme} took longer than 120 s`);
  process.exit(1);
}, 120_000).unref();

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function step(name, body) {
  const t0 = performance.now();
  try {
    const value = await body();
    passed += 1;
    console.log(`ok   ${name} (${Math.round(performance.now() - t0)} ms)`);
    return value;
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error.message}`);
    throw error;
  }
}

/** Starts `passwordless emulator` on a free port; resolves with its start-up record. */
function startEmulator() {
  const child = spawn(bin, ['emulator', '--port', '0', '--json', ...(tls ? ['--tls'] : [])], {
    env: { ...process.env, PASSWORDLESS_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(() => child.kill('SIGTERM'));
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it started`)));
  });
}

/** Serves page.html and the client's ES module from node_modules on a free localhost port. */
function startPageServer() {
  const clientModule = path.join(here, 'node_modules/@passwordlessdev/passwordless-client/dist/esm/passwordless.mjs');
  const files = {
    '/': ['text/html; charset=utf-8', readFileSync(path.join(here, 'page.html'))],
    '/passwordless-client.mjs': ['text/javascript; charset=utf-8', readFileSync(clientModule)],
  };
  const server = http.createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  cleanups.push(() => server.close());
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

/** Tokens are bearer credentials: failure messages show only their start. */
const redact = (text) => text.replace(/\b(register|verify)_([A-Za-z0-9_-]{6})[A-Za-z0-9_-]+/g, '$1_$2…');

/** Runs the CLI against the emulator; returns {code, stdout, stderr}. */
function cli(emulator, args, input) {
  const result = spawnSync(bin, args, {
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      PASSWORDLESS_CONFIG_DIR: configDir,
      PASSWORDLESS_API_URL: emulator.url,
      PASSWORDLESS_API_SECRET: emulator.apiSecret,
      ...(tls ? { PASSWORDLESS_CA_CERT: emulator.caCert } : {}),
      NO_COLOR: '1',
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI's stdout; any non-zero exit fails the step with its stderr. */
function cliOk(emulator, args, input) {
  const run = cli(emulator, args, input);
  check(run.code === 0, redact(`passwordless ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`));
  return run.stdout;
}

/** `passwordless verify TOKEN --json`, checked for the expected user and token type. */
function verify(emulator, result, userId, type) {
  check(result && typeof result.token === 'string', redact(`no token, the client answered ${JSON.stringify(result)}`));
  check(result.token.startsWith('verify_'), `not a verify token: ${redact(result.token)}`);
  // On stdin, as a backend would pass it: tokens stay out of the process list.
  const user = JSON.parse(cliOk(emulator, ['verify', '-', '--json'], result.token));
  check(user.success === true, `verify: success is ${user.success}`);
  check(user.userId === userId, `verify: userId ${user.userId}, expected ${userId}`);
  check(user.type === type, `verify: type ${user.type}, expected ${type}`);
  return user;
}

/** A page with its own CDP virtual authenticator. */
async function pageWithAuthenticator(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;
  return { page, credentials };
}

/**
 * A HOME for Chromium whose NSS database trusts the emulator's CA for websites ("C,,"), as
 * `certutil` (libnss3-tools) or mkcert would set it up for a user. Chromium reads it at start.
 */
function trustCaForChromium(caCert) {
  const nssdb = `sql:${path.join(browserHome, '.pki/nssdb')}`;
  mkdirSync(path.join(browserHome, '.pki/nssdb'), { recursive: true });
  const certutil = (...args) => {
    try {
      execFileSync('certutil', ['-d', nssdb, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const why = error.code === 'ENOENT'
        ? 'certutil not found; install libnss3-tools'
        : `${error.stderr || error.message}`.trim();
      throw new Error(`certutil ${args[0]}: ${why}`);
    }
  };
  certutil('-N', '--empty-password');
  certutil('-A', '-t', 'C,,', '-n', 'passwordless-emulator', '-i', caCert);
}

const toBase64Url = (base64) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function main() {
  check(bin, 'PASSWORDLESS_BIN is not set; run through tests/browser/run.sh');
  const emulator = await step(`emulator starts (${scheme})`, async () => {
    const record = await startEmulator();
    check(record.url.startsWith(`${scheme}://`) && record.pageUrl.startsWith(`${scheme}://`),
      `the emulator serves ${record.url} and ${record.pageUrl}, expected ${scheme}`);
    if (tls) check(record.caCert, 'emulator --tls printed no caCert');
    return record;
  });
  mkdirSync(browserHome, { recursive: true });
  if (tls) await step('Chromium\'s NSS database trusts the emulator\'s CA', () => trustCaForChromium(emulator.caCert));
  const pagePort = await step('page server starts', startPageServer);
  const browser = await step('Chromium starts', () =>
    chromium.launch({
      executablePath,
      headless: true,
      // Only HOME changes: the NSS database, and nothing of the user's own profile.
      env: { ...process.env, HOME: browserHome },
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
        '--disable-quic',
      ],
    }));
  cleanups.unshift(() => browser.close());
  const context = await browser.newContext();

  // --- The official client on a page of its own origin, calling the emulator cross-origin.
  const pageOrigin = `http://localhost:${pagePort}`;
  const { page, credentials } = await pageWithAuthenticator(context);
  await step('the page loads the official client', async () => {
    await page.goto(`${pageOrigin}/`);
    await page.waitForFunction(() => window.clientLoaded === true, null, { timeout: 10_000 });
  });
  const client = (method, ...args) =>
    page.evaluate(
      async ([apiUrl, apiKey, name, rest]) => new window.PasswordlessClient({ apiUrl, apiKey })[name](...rest),
      [emulator.url, emulator.apiKey, method, args],
    );

  const userId = 'browser-user';
  const alias = 'browser@example.com';
  await step('client.register(token, nickname) → passkey_register verifies', async () => {
    const token = cliOk(emulator, ['register-token', '--user-id', userId, '--username', alias, '--alias', alias, '--quiet']).trim();
    const user = verify(emulator, await client('register', token, 'Chromium'), userId, 'passkey_register');
    check(user.origin === pageOrigin, `verify: origin ${user.origin}, expected ${pageOrigin}`);
    check(user.nickname === 'Chromium', `verify: nickname ${user.nickname}`);
  });
  for (const [name, call] of [
    ['signinWithAlias', () => client('signinWithAlias', alias)],
    ['signinWithId', () => client('signinWithId', userId)],
    ['signinWithDiscoverable', () => client('signinWithDiscoverable')],
  ]) {
    await step(`client.${name} → passkey_signin verifies`, async () => {
      const user = verify(emulator, await call(), userId, 'passkey_signin');
      check(user.rpId === 'localhost', `verify: rpId ${user.rpId}`);
      check(user.purpose === 'sign-in', `verify: purpose ${user.purpose}`);
    });
  }
  const credentialId = await step('credentials list shows the authenticator\'s passkey', async () => {
    const [held] = await credentials();
    check(held, 'the virtual authenticator holds no credential');
    const listed = JSON.parse(cliOk(emulator, ['credentials', 'list', '--user-id', userId, '--json']));
    check(listed.length === 1, `credentials list: ${listed.length} passkeys, expected 1`);
    const [credential] = listed;
    check(credential.descriptor.id === toBase64Url(held.credentialId),
      `credentials list: id ${credential.descriptor.id}, the authenticator holds ${toBase64Url(held.credentialId)}`);
    check(credential.signatureCounter === held.signCount,
      `credentials list: signatureCounter ${credential.signatureCounter}, the authenticator counted ${held.signCount}`);
    check(credential.origin === pageOrigin && credential.rpid === 'localhost',
      `credentials list: origin ${credential.origin}, rpid ${credential.rpid}`);
    check(credential.nickname === 'Chromium', `credentials list: nickname ${credential.nickname}`);
    return credential.descriptor.id;
  });
  await step('after credentials delete, sign-in fails with unknown_credential', async () => {
    cliOk(emulator, ['credentials', 'delete', '--yes', '--', credentialId]);
    const result = await client('signinWithDiscoverable');
    check(result && result.error, redact(`sign-in with a deleted passkey answered ${JSON.stringify(result)}`));
    check(result.error.from === 'server', `error from ${result.error.from}: ${result.error.title}`);
    check(result.error.errorCode === 'unknown_credential',
      `errorCode ${result.error.errorCode}: ${result.error.title}`);
    check(result.error.status === 400, `status ${result.error.status}`);
    const left = JSON.parse(cliOk(emulator, ['credentials', 'list', '--user-id', userId, '--json']));
    check(left.length === 0, `credentials list after delete: ${left.length}`);
  });

  // --- The emulator's own demo page, with the bare WebAuthn API.
  const demo = await pageWithAuthenticator(context);
  const demoUser = 'page-user';
  const clickAndWait = async (button, expect) => {
    await demo.page.click(button);
    await demo.page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('status').className),
      null, { timeout: 10_000 });
    const status = await demo.page.textContent('#status');
    check(status.startsWith(expect), `demo page: ${status} — ${await demo.page.textContent('#result')}`);
    const result = JSON.parse(await demo.page.textContent('#result'));
    await demo.page.evaluate(() => { document.getElementById('status').className = ''; });
    return result;
  };
  await step(`demo page (${emulator.pageUrl}) registers and signs in`, async () => {
    await demo.page.goto(emulator.pageUrl);
    await demo.page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 10_000 });
    await demo.page.fill('#user-id', demoUser);
    const registered = await clickAndWait('#register', 'Registration: verified passkey_register');
    check(registered.userId === demoUser, `demo page: registered ${registered.userId}`);
    const signedIn = await clickAndWait('#signin-id', 'Sign-in: verified passkey_signin');
    check(signedIn.userId === demoUser, `demo page: signed in ${signedIn.userId}`);
    const discovered = await clickAndWait('#signin-discoverable', 'Discoverable sign-in: verified passkey_signin');
    check(discovered.userId === demoUser, `demo page: discovered ${discovered.userId}`);
    const [held] = await demo.credentials();
    const listed = JSON.parse(cliOk(emulator, ['credentials', 'list', '--user-id', demoUser, '--json']));
    check(listed.length === 1 && listed[0].descriptor.id === toBase64Url(held.credentialId),
      `credentials list for the demo user: ${JSON.stringify(listed.map((c) => c.descriptor.id))}`);
    const demoOrigin = new URL(emulator.pageUrl).origin;
    check(listed[0].origin === demoOrigin, `demo user: origin ${listed[0].origin}, expected ${demoOrigin}`);
    // Chrome's virtual authenticator counts the registration too: compare, do not assume.
    check(listed[0].signatureCounter === held.signCount,
      `demo user: signatureCounter ${listed[0].signatureCounter}, the authenticator counted ${held.signCount}`);
  });

  // --- The inspector at /_emulator/: live, escaped, with the request log.
  const inspectorUrl = `${new URL(emulator.pageUrl).origin}/_emulator/`;
  const inspector = await context.newPage();
  // A user id that would run script if the page wrote it as HTML.
  const hostile = '<img src=x onerror="window.__xss=1">';
  await step(`inspector (${inspectorUrl}) shows the state and refreshes`, async () => {
    await inspector.goto(inspectorUrl);
    await inspector.waitForFunction(() => document.getElementById('state').className === 'state ok',
      null, { timeout: 10_000 });
    const apps = await inspector.textContent('#apps');
    check(apps.includes('devapp'), `inspector apps: ${apps}`);
    const users = await inspector.textContent('#app-details');
    check(users.includes(demoUser), `inspector users lack ${demoUser}: ${users.slice(0, 300)}`);
    check(!(await inspector.textContent('body')).includes(emulator.apiSecret.split(':')[2]),
      'the inspector shows the API secret');
  });
  await step('a user created through the API appears without a reload, as text', async () => {
    cliOk(emulator, ['aliases', 'set', '--user-id', hostile, '--alias', 'inspected-alias']);
    await inspector.waitForFunction((id) => document.getElementById('app-details').textContent.includes(id),
      hostile, { timeout: 10_000 });
    const injected = await inspector.evaluate(() =>
      window.__xss === 1 || document.querySelector('#app-details img') !== null);
    check(!injected, 'the hostile user id was rendered as HTML');
  });
  await step('the inspector\'s request log shows that request', async () => {
    await inspector.waitForFunction(() => [...document.querySelectorAll('#requests td')]
      .some((td) => td.textContent === '/alias'), null, { timeout: 10_000 });
    const log = await inspector.textContent('#requests');
    check(log.includes('inspected-alias'), `request log lacks the alias body: ${log.slice(0, 300)}`);
  });
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  if (failed === 0) {
    failed += 1;
    console.log(`FAIL ${error.message}`);
  }
} finally {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch {
      // Best effort: the processes die with this one anyway.
    }
  }
  rmSync(configDir, { recursive: true, force: true });
}
console.log(`browser test over ${scheme} wall time: ${((performance.now() - started) / 1000).toFixed(2)} s`);
console.log(`${scheme}: ${passed} passed, ${failed} failed`);
process.exit(exitCode);
