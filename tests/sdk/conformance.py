"""Conformance of the emulator with the official Python SDK, passwordless==2.0.0.

Calls every method of PasswordlessClient against a running emulator (seeded with
tests/sdk/seed.json) and checks each result for real, cross-checking through the CLI and the
emulator's inspection routes. Known SDK bugs (contract section 7.5) are asserted as such: the
emulator must not bend to them. Exits non-zero when any check fails.

Environment: PASSWORDLESS_API_URL, PASSWORDLESS_API_SECRET, PASSWORDLESS_BIN, and PYTHONPATH
holding the SDK (run.sh installs it in a temporary folder).
"""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import traceback
import urllib.request
from datetime import datetime, timedelta, timezone

import marshmallow
import requests
from passwordless import (
    DeleteCredential,
    DeleteUser,
    GenerateAuthenticationTokenOptions,
    PasswordlessClientBuilder,
    PasswordlessError,
    PasswordlessOptions,
    RegisterToken,
    SendMagicLinkOptions,
    SetAlias,
    UpdateAppsFeature,
    VerifySignIn,
)

URL = os.environ["PASSWORDLESS_API_URL"]
SECRET = os.environ["PASSWORDLESS_API_SECRET"]
BIN = os.environ["PASSWORDLESS_BIN"]

def session():
    """A requests session that trusts the emulator's CA over https. The SDK sends with
    `Session.send`, which never reads REQUESTS_CA_BUNDLE, so users hand it a session whose
    `verify` names the CA file; this is how."""
    s = requests.Session()
    ca = os.environ.get("PASSWORDLESS_CA_CERT")
    if ca:
        s.verify = ca
    return s


client = PasswordlessClientBuilder(PasswordlessOptions(SECRET, URL), session()).build()
results = []


def check(name):
    def run(fn):
        try:
            fn()
            results.append((name, True))
            print(f"  ok   {name}", flush=True)
        except Exception:  # noqa: BLE001 - every failure is reported, none stops the run
            results.append((name, False))
            print(f"  FAIL {name}: {traceback.format_exc()}", flush=True)
        return fn

    return run


def cli(*args):
    """Runs the CLI against the same emulator and parses its JSON stdout."""
    out = subprocess.run(
        [BIN, *args, "--json"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    return json.loads(out.stdout)


def emulator(path):
    with urllib.request.urlopen(URL + path) as res:
        assert res.status == 200, f"GET {path}: {res.status}"
        return json.loads(res.read())


def alias_hash(alias):
    """The server's alias hash: base64(SHA-256(appId + alias))."""
    return base64.b64encode(hashlib.sha256(f"devapp{alias}".encode()).digest()).decode()


def expect_error(fn):
    try:
        fn()
    except PasswordlessError as err:
        return err.problem_details
    raise AssertionError("expected PasswordlessError")


@check("register_token (defaults: naive expiresAt, displayName null) returns a register_ token")
def _():
    token = client.register_token(RegisterToken(user_id="py-new", username="py@example.com"))
    assert re.fullmatch(r"register_[A-Za-z0-9_-]+", token.token), token


@check("register_token with every field, through a base URL ending in / (//register/token)")
def _():
    slash = PasswordlessClientBuilder(
        PasswordlessOptions(SECRET, URL + "/"), session()
    ).build()
    token = slash.register_token(
        RegisterToken(
            user_id="py-full",
            username="full@example.com",
            display_name="Full Options",
            attestation="none",
            authenticator_type="cross-platform",
            discoverable=False,
            user_verification="required",
            aliases=["full@example.com"],
            alias_hashing=False,
            expires_at=datetime.now(timezone.utc) + timedelta(minutes=5),
        )
    )
    assert token.token.startswith("register_"), token


@check("register_token with attestation=direct on a plain app → 400 attestation_not_supported_on_plan")
def _():
    pd = expect_error(
        lambda: client.register_token(RegisterToken(user_id="py-x", username="x", attestation="direct"))
    )
    assert pd.status == 400, pd
    assert pd.type.endswith("#attestation_not_supported_on_plan"), pd
    assert pd.error_code is None, "the SDK reads error_code, so the server's errorCode is lost"


@check("register_token with a past, zone-less expiresAt is accepted (as the server does)")
def _():
    token = client.register_token(
        RegisterToken(user_id="py-x", username="x", expires_at=datetime.utcnow() - timedelta(hours=1))
    )
    assert token.token.startswith("register_"), token


signin = {}


@check("generate_authentication_token returns a verify_ token")
def _():
    res = client.generate_authentication_token(
        GenerateAuthenticationTokenOptions(user_id="dave", time_to_live=300)
    )
    assert res.token.startswith("verify_"), res
    signin["token"] = res.token


@check("sign_in of a generated token: known SDK bug, VerifiedUserSchema rejects its nulls")
def _():
    # Contract 7.5: origin/device/country/credentialId are null for generated tokens, and the
    # SDK declares them non-nullable. The server sends the nulls; so does the emulator.
    try:
        client.sign_in(VerifySignIn(signin["token"]))
    except marshmallow.ValidationError as err:
        assert {"origin", "device", "country", "credentialId"} <= set(err.messages), err.messages
        return
    raise AssertionError("the SDK bug went away: sign_in parsed a generated token")


@check("the generated token verifies through the CLI and on the wire")
def _():
    user = cli("verify", signin["token"])
    assert user["success"] is True and user["userId"] == "dave", user
    assert user["type"] == "generated_signin", user
    assert user["origin"] is None and user["credentialId"] is None, user


@check("sign_in of an invalid token → PasswordlessError 400 (error_code dropped: SDK bug)")
def _():
    pd = expect_error(lambda: client.sign_in(VerifySignIn("verify_not!valid")))
    assert pd.status == 400, pd
    assert pd.title, pd
    assert pd.type.startswith("https://docs.passwordless.dev/guide/errors.html#"), pd
    # The emulator sends errorCode; the SDK's schema reads error_code and loses it.
    assert pd.error_code is None, pd


@check("wrong secret → PasswordlessError 401 #ApiSecret")
def _():
    bad = PasswordlessClientBuilder(
        PasswordlessOptions("devapp:secret:ffffffffffffffffffffffffffffffff", URL),
        session(),
    ).build()
    pd = expect_error(bad.get_users)
    assert pd.status == 401, pd
    assert pd.title == "A valid 'ApiSecret' header is required.", pd
    assert pd.type == "https://docs.passwordless.dev/guide/errors.html#ApiSecret", pd
    assert pd.detail == "The value of your 'ApiSecret' is not valid.", pd


@check("get_aliases (userId=) returns the seeded plaintext alias")
def _():
    values = client.get_aliases("dave")
    got = [(a.user_id, a.alias, a.plaintext, a.tenant) for a in values]
    assert got == [("dave", alias_hash("dave@example.com"), "dave@example.com", "devapp")], got


@check("set_alias hashing=False then get_aliases round-trips plaintext")
def _():
    client.set_alias(SetAlias(user_id="carol", aliases=["c@example.com", "cee"], hashing=False))
    values = client.get_aliases("carol")
    assert sorted(a.plaintext for a in values) == ["c@example.com", "cee"], values
    assert sorted(a.alias for a in values) == sorted([alias_hash("c@example.com"), alias_hash("cee")])


@check("set_alias with default hashing stores only the hash")
def _():
    client.set_alias(SetAlias(user_id="carol", aliases=["hidden@example.com"]))
    values = client.get_aliases("carol")
    assert [(a.alias, a.plaintext) for a in values] == [(alias_hash("hidden@example.com"), None)], values


@check("get_credentials returns the seeded credential, fully parsed")
def _():
    values = client.get_credentials("dave")
    assert [c.descriptor.id for c in values] == ["ERITFA"], values
    c = values[0]
    assert c.user_id == "dave" and c.descriptor.type == "public-key", c
    assert isinstance(c.created_at, datetime) and isinstance(c.last_user_at, datetime), c
    assert base64.b64decode(c.user_handle) == b"dave", c


@check("delete_credential removes it (SDK and CLI agree)")
def _():
    client.delete_credential(DeleteCredential("ERITFA"))
    assert client.get_credentials("dave") == []
    assert cli("credentials", "list", "--user-id", "dave") == []


@check("get_users lists the seeded users with counts")
def _():
    users = {u.user_id: u for u in client.get_users()}
    assert {"alice", "bob", "carol"} <= set(users), users
    assert users["bob"].credentials_count == 2, users["bob"]
    assert users["alice"].alias_count == 1, users["alice"]


@check("delete_user removes the user (gone from passwordless users list)")
def _():
    client.delete_user(DeleteUser("bob"))
    assert "bob" not in {u.user_id for u in client.get_users()}
    assert "bob" not in {u["userId"] for u in cli("users", "list")}


@check("send_magic_link lands in the outbox with a verify_ token")
def _():
    client.send_magic_link(
        SendMagicLinkOptions(
            email_address="alice.py@example.com",
            url_template="https://app.example/login?token=$TOKEN",
            user_id="alice",
            time_to_live=600,
        )
    )
    mail = [m for m in emulator("/_emulator/outbox") if m["to"] == "alice.py@example.com"]
    assert len(mail) == 1, mail
    assert mail[0]["userId"] == "alice" and mail[0]["token"].startswith("verify_"), mail
    assert mail[0]["link"] == "https://app.example/login?token=" + mail[0]["token"], mail
    user = cli("verify", mail[0]["token"])
    assert user["success"] is True and user["type"] == "magic_link", user


@check("send_magic_link with time_to_live=None (sent as null) is accepted")
def _():
    client.send_magic_link(
        SendMagicLinkOptions("null.py@example.com", "https://app.example/?t=$TOKEN", "alice")
    )
    assert any(m["to"] == "null.py@example.com" for m in emulator("/_emulator/outbox"))


@check("update_apps_feature: stale auditLoggingRetentionPeriod is accepted and ignored")
def _():
    def retention():
        apps = emulator("/_emulator/state")["apps"]
        return next(a for a in apps if a["appId"] == "devapp")["features"]["eventLoggingRetentionPeriod"]

    before = retention()
    client.update_apps_feature(UpdateAppsFeature(audit_logging_retention_period=30))
    assert retention() == before, "the server ignores the SDK's stale field name"


passkey = {}


@check("a real ES256 passkey (tests/sdk/passkey.mjs) registers and signs in")
def _():
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "passkey.mjs")
    out = subprocess.run(
        ["node", script, "py-passkey", "py-passkey@example.com"],
        check=True,
        capture_output=True,
        text=True,
    )
    passkey.update(json.loads(out.stdout))
    assert passkey["signinToken"].startswith("verify_"), passkey


@check("sign_in accepts the passkey_signin token with the credential's details")
def _():
    user = client.sign_in(VerifySignIn(passkey["signinToken"]))
    assert user.success is True, user
    assert user.user_id == "py-passkey", user
    assert user.type == "passkey_signin", user
    assert user.origin == "http://localhost:3000", user
    assert user.nickname == "Node test key", user
    assert user.device == "Chrome, Mac OS X 10", user
    assert user.country == "", user
    # Standard base64 of the credential id, as the server writes it.
    raw = base64.urlsafe_b64decode(passkey["credentialId"] + "==")
    assert base64.b64decode(user.credential_id) == raw, user
    # The SDK reads the stale `rpid`; the server (and the emulator) send `rpId`.
    assert user.rp_id is None, user
    assert user.expires_at > user.timestamp, user


@check("sign_in accepts the passkey_register token")
def _():
    user = client.sign_in(VerifySignIn(passkey["registerToken"]))
    assert user.type == "passkey_register" and user.user_id == "py-passkey", user


@check("get_credentials lists the new passkey with its counter")
def _():
    creds = client.get_credentials("py-passkey")
    assert len(creds) == 1, creds
    assert creds[0].signature_counter == 1, creds


failed = sum(1 for _, ok in results if not ok)
print(f"python SDK passwordless==2.0.0: {len(results) - failed}/{len(results)} checks passed")
sys.exit(0 if failed == 0 else 1)
