// The emulator's demo page: WebAuthn registration and sign-in against the emulator's own
// browser-facing routes, written against the bare browser API (no client library, no build).
// Backend steps go through the emulator-only /_emulator/demo/* routes, so no secret is here.

const apiKey = document.querySelector('meta[name="passwordless-api-key"]').content;
const $ = (id) => document.getElementById(id);

function toBase64Url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** An API error: the server's problem details, kept whole for display. */
class ProblemError extends Error {
  constructor(problem) {
    super(problem.title || `HTTP ${problem.status}`);
    this.problem = problem;
  }
}

function log(text) {
  const item = document.createElement('li');
  item.textContent = text;
  $('log').append(item);
}

async function post(path, body, withKey) {
  const headers = { 'Content-Type': 'application/json' };
  if (withKey) headers.ApiKey = apiKey;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  log(`POST ${path} → ${response.status}`);
  if (!response.ok) throw new ProblemError(json || { status: response.status });
  return json;
}

const site = () => ({ RPID: location.hostname, Origin: location.origin });

async function register(userId, nickname) {
  const { token } = await post('/_emulator/demo/register-token', { userId, username: userId });
  const begin = await post('/register/begin', { token, ...site() }, true);
  const options = begin.data;
  const publicKey = {
    ...options,
    challenge: fromBase64Url(options.challenge),
    user: { ...options.user, id: fromBase64Url(options.user.id) },
    excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
  log('navigator.credentials.create()');
  const credential = await navigator.credentials.create({ publicKey });
  const response = credential.response;
  const complete = await post('/register/complete', {
    session: begin.session,
    response: {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        attestationObject: toBase64Url(response.attestationObject),
        clientDataJSON: toBase64Url(response.clientDataJSON),
        transports: response.getTransports ? response.getTransports() : [],
      },
    },
    nickname: nickname || null,
    ...site(),
  }, true);
  return complete.token;
}

async function signIn(userId) {
  const begin = await post('/signin/begin', userId ? { userId, ...site() } : site(), true);
  const options = begin.data;
  const publicKey = {
    ...options,
    challenge: fromBase64Url(options.challenge),
    allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: fromBase64Url(c.id) })),
  };
  log('navigator.credentials.get()');
  const credential = await navigator.credentials.get({ publicKey });
  const response = credential.response;
  const complete = await post('/signin/complete', {
    session: begin.session,
    response: {
      id: credential.id,
      rawId: toBase64Url(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {
        authenticatorData: toBase64Url(response.authenticatorData),
        clientDataJSON: toBase64Url(response.clientDataJSON),
        signature: toBase64Url(response.signature),
        userHandle: response.userHandle ? toBase64Url(response.userHandle) : null,
      },
    },
    ...site(),
  }, true);
  return complete.token;
}

/** Runs one flow: its verify token is checked by the emulator's backend step and shown. */
async function run(label, flow) {
  $('log').replaceChildren();
  $('result').textContent = '';
  const status = $('status');
  status.className = '';
  status.textContent = `${label}…`;
  try {
    const token = await flow();
    const verified = await post('/_emulator/demo/verify', { token });
    status.className = 'ok';
    status.textContent = `${label}: verified ${verified.type} for user ${verified.userId}`;
    $('result').textContent = JSON.stringify(verified, null, 2);
  } catch (error) {
    status.className = 'error';
    status.textContent = `${label} failed: ${error.message}`;
    $('result').textContent = error.problem ? JSON.stringify(error.problem, null, 2) : String(error);
  }
}

function setUp() {
  const isIp = /^[0-9.]+$/.test(location.hostname) || location.hostname.includes(':');
  const supported = window.isSecureContext && 'credentials' in navigator && window.PublicKeyCredential;
  if (isIp) {
    const link = $('localhost-link');
    link.href = `${location.protocol}//localhost${location.port ? `:${location.port}` : ''}/`;
    link.textContent = link.href;
    $('ip-warning').hidden = false;
  } else if (!supported) {
    $('unsupported').hidden = false;
  }
  for (const button of document.querySelectorAll('button')) button.disabled = isIp || !supported;
  const userId = () => $('user-id').value.trim();
  $('register').addEventListener('click', () =>
    run('Registration', () => register(userId(), $('nickname').value.trim())));
  $('signin-id').addEventListener('click', () => run('Sign-in', () => signIn(userId())));
  $('signin-discoverable').addEventListener('click', () => run('Discoverable sign-in', () => signIn(null)));
  document.body.dataset.ready = 'true';
}

setUp();
