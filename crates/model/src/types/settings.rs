//! The settings document: an application's settings as code, written by `app export`, compared
//! by `app diff`, applied by `app apply`, and read by `emulator --seed` (alone, or beside the
//! seed's users). It owns the file's shape, its checks, `${VAR}` substitution and how API keys
//! in a file are paired with the keys of an app. Serde only: no I/O, no client, no CLI.
//!
//! Members are camelCase like the seed format it lives in, and declared in sorted order, so an
//! export is stable and diffs well in review. A section that is absent is not managed: `apply`
//! leaves that part of the app alone. Secrets never appear: API keys are metadata only.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::limits::{
    self, DEFAULT_RETENTION_DAYS, KeyType, MAX_HINTS, MAX_PURPOSE_LEN, MAX_RETENTION_DAYS,
    MAX_TIMESPAN_DAYS, MIN_RETENTION_DAYS, USER_VERIFICATION,
};

/// The format version `app export` writes.
pub const SETTINGS_VERSION: u32 = 1;

/// Lifetime of an auth configuration when the file leaves it out (the server's default).
pub const DEFAULT_AUTH_CONFIG_TTL: i64 = 120;
/// `userVerificationRequirement` when the file leaves it out.
pub const DEFAULT_USER_VERIFICATION: &str = "preferred";

/// The whole document. Each section is optional: absent means "not managed".
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Settings {
    /// API keys as metadata: type, scopes, locked; never the key itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_keys: Option<Vec<ApiKeySettings>>,
    /// Authentication configurations by purpose (`sign-in`, `step-up`, your own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_configurations: Option<BTreeMap<String, AuthConfigSettings>>,
    /// The authenticator allow and deny lists (AAGUIDs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticators: Option<AuthenticatorSettings>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<FeatureSettings>,
    /// [`SETTINGS_VERSION`]; a file without it is read as version 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
}

/// The features: each member optional, absent means "leave as it is".
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FeatureSettings {
    /// Attestation, and with it the allow and deny lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<bool>,
    /// Days, `MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_log_retention_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_logging: Option<bool>,
    /// `POST /signin/generate-token`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated_sign_in_tokens: Option<bool>,
    /// Write-only: the server never reports it, so it is always "will be set", never drift.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magic_link_monthly_quota: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub magic_links: Option<bool>,
    /// 0 means unlimited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_users: Option<i64>,
}

/// One authentication configuration; absent members take the server's defaults.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthConfigSettings {
    /// Request spellings: `security-key`, `client-device`, `hybrid`; at most 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hints: Option<Vec<String>>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_to_live: Option<i64>,
    /// `preferred`, `required` or `discouraged`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<String>,
}

impl AuthConfigSettings {
    /// Every member filled in with the server's defaults, hints in the server's order: the form
    /// two configurations are compared in.
    pub fn normalized(&self) -> AuthConfigSettings {
        let mut hints = self.hints.clone().unwrap_or_default();
        hints.sort_by_key(|h| limits::HINTS.iter().position(|(w, _)| w == h));
        AuthConfigSettings {
            hints: Some(hints),
            time_to_live: Some(self.time_to_live.unwrap_or(DEFAULT_AUTH_CONFIG_TTL)),
            user_verification: Some(
                self.user_verification
                    .clone()
                    .unwrap_or_else(|| DEFAULT_USER_VERIFICATION.to_owned()),
            ),
        }
    }
}

/// AAGUIDs on the allow list and on the deny list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthenticatorSettings {
    #[serde(default)]
    pub allowed: Vec<String>,
    #[serde(default)]
    pub denied: Vec<String>,
}

/// One API key, as metadata.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiKeySettings {
    /// The key's id (its last four characters) where it was exported; ids differ between apps,
    /// so a key without a match by id is paired by type and scopes instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    pub locked: bool,
    /// Scope names: `register`, `login` (public); `token_register`, `token_verify` (secret).
    pub scopes: Vec<String>,
    /// `public` or `secret`.
    #[serde(rename = "type")]
    pub kind: String,
}

impl ApiKeySettings {
    pub fn key_type(&self) -> Option<KeyType> {
        [KeyType::Public, KeyType::Secret]
            .into_iter()
            .find(|k| k.word() == self.kind)
    }

    /// The scopes as a set, the form two keys are compared in.
    pub fn scope_set(&self) -> BTreeSet<&str> {
        self.scopes.iter().map(String::as_str).collect()
    }

    /// Same type and scopes: the one key could stand for the other.
    pub fn same_shape(&self, other: &ApiKeySettings) -> bool {
        self.kind == other.kind && self.scope_set() == other.scope_set()
    }
}

/// A GUID in the server's lower-case, hyphenated form; `None` when it is not a GUID.
pub fn normalize_aaguid(text: &str) -> Option<String> {
    uuid::Uuid::parse_str(text.trim())
        .ok()
        .map(|u| u.hyphenated().to_string())
}

impl Settings {
    /// Everything the server would refuse, and what cannot be applied at all, as one line
    /// naming the member and the fix. Nothing is written before this passes.
    pub fn check(&self) -> Result<(), String> {
        if let Some(version) = self.version
            && version != SETTINGS_VERSION
        {
            return Err(format!(
                "version {version} is not supported; this tool reads version {SETTINGS_VERSION}"
            ));
        }
        if let Some(f) = &self.features {
            // New apps start at 365 days, outside what the features routes take: an export of
            // such an app must still read back (it is refused only when it would be written).
            if let Some(days) = f.event_log_retention_days
                && !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&days)
                && days != DEFAULT_RETENTION_DAYS
            {
                return Err(format!(
                    "features.eventLogRetentionDays is {days}; use {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS}"
                ));
            }
            if let Some(n) = f.max_users
                && n < 0
            {
                return Err(format!(
                    "features.maxUsers is {n}; use 0 (unlimited) or more"
                ));
            }
            if let Some(n) = f.magic_link_monthly_quota
                && !(0..=i64::from(i32::MAX)).contains(&n)
            {
                return Err(format!(
                    "features.magicLinkMonthlyQuota is {n}; use 0 to {}",
                    i32::MAX
                ));
            }
        }
        for (purpose, config) in self.auth_configurations.iter().flatten() {
            check_auth_config(purpose, config)?;
        }
        if let Some(lists) = &self.authenticators {
            let mut seen = BTreeMap::new();
            for (list, guids) in [("allowed", &lists.allowed), ("denied", &lists.denied)] {
                for guid in guids {
                    let Some(normal) = normalize_aaguid(guid) else {
                        return Err(format!(
                            "authenticators.{list}: `{guid}` is not an AAGUID; write it as 8-4-4-4-12 hex digits"
                        ));
                    };
                    if let Some(other) = seen.insert(normal, list) {
                        return Err(format!(
                            "authenticators: `{guid}` is listed twice ({other} and {list}); keep it on one list"
                        ));
                    }
                }
            }
            let listed = !lists.allowed.is_empty() || !lists.denied.is_empty();
            let attestation = self.features.as_ref().and_then(|f| f.attestation);
            if listed && attestation == Some(false) {
                return Err(
                    "authenticators: allow and deny lists need attestation, which features.attestation turns off; set it to true or empty the lists"
                        .to_owned(),
                );
            }
        }
        for (i, key) in self.api_keys.iter().flatten().enumerate() {
            let at = format!("apiKeys[{i}]");
            let Some(kind) = key.key_type() else {
                return Err(format!(
                    "{at}.type is `{}`; use `public` or `secret`",
                    key.kind
                ));
            };
            if key.scopes.is_empty() {
                return Err(format!(
                    "{at}.scopes is empty; give at least one of {}",
                    kind.all_scope_names().join(", ")
                ));
            }
            for scope in &key.scopes {
                if kind.scope_by_name(scope).is_none() {
                    return Err(format!(
                        "{at}.scopes: `{scope}` is not a scope of a {} key; use {}",
                        kind.word(),
                        kind.all_scope_names().join(", ")
                    ));
                }
            }
            if key.scope_set().len() != key.scopes.len() {
                return Err(format!("{at}.scopes names a scope twice"));
            }
            if key.id.as_deref().is_some_and(|id| id.trim().is_empty()) {
                return Err(format!(
                    "{at}.id is empty; leave it out or give the key's id"
                ));
            }
        }
        Ok(())
    }
}

fn check_auth_config(purpose: &str, config: &AuthConfigSettings) -> Result<(), String> {
    let at = format!("authConfigurations.{purpose}");
    if purpose.is_empty()
        || purpose.encode_utf16().count() > MAX_PURPOSE_LEN
        || !purpose.chars().all(limits::is_purpose_char)
    {
        return Err(format!(
            "{at}: `{purpose}` is not a valid purpose; use 1 to {MAX_PURPOSE_LEN} letters, digits, `-` or `_`"
        ));
    }
    if let Some(uv) = &config.user_verification
        && !USER_VERIFICATION.contains(&uv.as_str())
    {
        return Err(format!(
            "{at}.userVerification is `{uv}`; use {}",
            USER_VERIFICATION.join(", ")
        ));
    }
    if let Some(ttl) = config.time_to_live
        && !(1..=MAX_TIMESPAN_DAYS * 86_400).contains(&ttl)
    {
        return Err(format!(
            "{at}.timeToLive is {ttl}; use a number of seconds from 1 to {}",
            MAX_TIMESPAN_DAYS * 86_400
        ));
    }
    if let Some(hints) = &config.hints {
        if hints.len() > MAX_HINTS {
            return Err(format!(
                "{at}.hints has {} hints; at most {MAX_HINTS} are allowed",
                hints.len()
            ));
        }
        let mut seen = BTreeSet::new();
        for hint in hints {
            if limits::hint_name(hint).is_none() {
                let names: Vec<&str> = limits::HINTS.iter().map(|(w, _)| *w).collect();
                return Err(format!(
                    "{at}.hints: `{hint}` is not a hint; use {}",
                    names.join(", ")
                ));
            }
            if !seen.insert(hint) {
                return Err(format!("{at}.hints names `{hint}` twice"));
            }
        }
    }
    Ok(())
}

/// Replaces every `${NAME}` with the variable `lookup` finds, so one file serves staging and
/// production. `$${` stands for a literal `${`. Lines whose first non-blank character is `#`
/// are TOML comments and are left as they are. An unset variable, or a `${` that does not close
/// on a name, is an error naming it.
///
/// The values put in are kept ([`Substituted::hide`]): a mistake found in the file afterwards
/// would otherwise quote a secret given through the environment.
pub fn substitute_env(
    text: &str,
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<Substituted, String> {
    let mut values = Vec::new();
    let mut out = String::with_capacity(text.len());
    for (number, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_start().starts_with('#') {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("${") {
            if rest[..at].ends_with('$') {
                out.push_str(&rest[..at - 1]);
                out.push_str("${");
                rest = &rest[at + 2..];
                continue;
            }
            out.push_str(&rest[..at]);
            let after = &rest[at + 2..];
            let end = after.find('}').ok_or_else(|| {
                format!(
                    "line {}: `${{` without a closing `}}`; write ${{NAME}}, or $${{ for a literal ${{",
                    number + 1
                )
            })?;
            let name = &after[..end];
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "line {}: `${{{name}}}` is not a variable name; use letters, digits and _",
                    number + 1
                ));
            }
            let value = lookup(name).ok_or_else(|| {
                format!(
                    "line {}: ${{{name}}} is used but the environment variable {name} is not set; set it, or remove it from the file",
                    number + 1
                )
            })?;
            out.push_str(&value);
            values.push((name.to_owned(), value));
            rest = &after[end + 1..];
        }
        out.push_str(rest);
    }
    Ok(Substituted { text: out, values })
}

/// A file's text with `${NAME}` replaced, and the values that replaced them.
#[derive(Clone, Default, PartialEq)]
pub struct Substituted {
    pub text: String,
    values: Vec<(String, String)>,
}

impl Substituted {
    /// Values this short are not secrets, and would match inside unrelated words.
    const HIDDEN_FROM_LEN: usize = 8;

    /// `message` with every substituted value of some length written back as `${NAME}`: what
    /// the file says, never what the environment held.
    pub fn hide(&self, message: &str) -> String {
        let mut values: Vec<&(String, String)> = self
            .values
            .iter()
            .filter(|(_, value)| value.len() >= Self::HIDDEN_FROM_LEN)
            .collect();
        // The longest first, so a value inside another is not replaced in it.
        values.sort_by_key(|(_, value)| std::cmp::Reverse(value.len()));
        let mut out = message.to_owned();
        for (name, value) in values {
            out = out.replace(value.as_str(), &format!("${{{name}}}"));
        }
        out
    }
}

/// The values are never printed, even in a debug trace.
impl std::fmt::Debug for Substituted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Substituted")
            .field("text_len", &self.text.len())
            .field(
                "names",
                &self.values.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Pairs the keys a file names with the keys an app has: first by id (same id, type and
/// scopes), then by type and scopes among those left, unlocked file keys first, app keys in the
/// order given (so a caller puts the key it must keep first). Returns (file index, app index)
/// pairs, then the unpaired file keys (to create) and app keys (to delete). Running the pairing
/// again after creating the missing keys pairs everything: `apply` converges.
pub fn pair_api_keys(
    file: &[ApiKeySettings],
    app: &[ApiKeySettings],
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut pairs = Vec::new();
    let mut file_left: Vec<usize> = Vec::new();
    let mut app_used = vec![false; app.len()];
    for (i, key) in file.iter().enumerate() {
        let by_id = key.id.as_deref().and_then(|id| {
            app.iter()
                .enumerate()
                .position(|(j, k)| !app_used[j] && k.id.as_deref() == Some(id) && k.same_shape(key))
        });
        match by_id {
            Some(j) => {
                app_used[j] = true;
                pairs.push((i, j));
            }
            None => file_left.push(i),
        }
    }
    // Unlocked first: the key the caller keeps (listed first) should not pair with a key the
    // file locks when another would do.
    file_left.sort_by_key(|&i| file[i].locked);
    let mut create = Vec::new();
    for i in file_left {
        match (0..app.len()).find(|&j| !app_used[j] && app[j].same_shape(&file[i])) {
            Some(j) => {
                app_used[j] = true;
                pairs.push((i, j));
            }
            None => create.push(i),
        }
    }
    pairs.sort_unstable();
    create.sort_unstable();
    let delete = (0..app.len()).filter(|&j| !app_used[j]).collect();
    (pairs, create, delete)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: Option<&str>, kind: &str, scopes: &[&str], locked: bool) -> ApiKeySettings {
        ApiKeySettings {
            id: id.map(str::to_owned),
            locked,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            kind: kind.to_owned(),
        }
    }

    #[test]
    fn variables_are_replaced_and_an_unset_one_is_named() {
        let env = |name: &str| (name == "DAYS").then(|| "30".to_owned());
        assert_eq!(
            substitute_env("a = ${DAYS}\n# b = ${NOPE}\nc = \"$${DAYS}\"\n", env)
                .unwrap()
                .text,
            "a = 30\n# b = ${NOPE}\nc = \"${DAYS}\"\n"
        );
        let err = substitute_env("x = 1\ny = ${NOPE}\n", env).unwrap_err();
        assert!(
            err.contains("line 2") && err.contains("NOPE is not set"),
            "{err}"
        );
        assert!(substitute_env("y = ${A-B}", env).is_err());
        assert!(substitute_env("y = ${A", env).is_err());
    }

    /// A value put in from the environment is written back as its `${NAME}` in any message
    /// about the file, so a secret in the environment is never quoted.
    #[test]
    fn substituted_values_are_hidden_in_messages() {
        let secret = "shop:secret:0123456789abcdef0123456789ab1a2b";
        let env = |name: &str| match name {
            "SECRET" => Some(secret.to_owned()),
            "DAYS" => Some("30".to_owned()),
            _ => None,
        };
        let done = substitute_env("uv = \"${SECRET}\"\ndays = ${DAYS}\n", env).unwrap();
        assert!(done.text.contains(secret));
        let message = format!("userVerification is `{secret}`; days 30");
        assert_eq!(
            done.hide(&message),
            "userVerification is `${SECRET}`; days 30"
        );
        assert!(!format!("{done:?}").contains(secret));
    }

    #[test]
    fn keys_pair_by_id_then_by_shape() {
        let file = [
            key(
                Some("aaaa"),
                "secret",
                &["token_register", "token_verify"],
                true,
            ),
            key(Some("zzzz"), "public", &["login", "register"], false),
            key(None, "public", &["login"], false),
        ];
        let app = [
            key(Some("bbbb"), "public", &["register", "login"], false),
            key(
                Some("aaaa"),
                "secret",
                &["token_verify", "token_register"],
                false,
            ),
            key(Some("cccc"), "secret", &["token_verify"], false),
        ];
        let (pairs, create, delete) = pair_api_keys(&file, &app);
        assert_eq!(pairs, [(0, 1), (1, 0)]);
        assert_eq!(create, [2]);
        assert_eq!(delete, [2]);
    }

    #[test]
    fn checks_name_the_member() {
        let mut s = Settings {
            features: Some(FeatureSettings {
                event_log_retention_days: Some(91),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert!(s.check().unwrap_err().contains("eventLogRetentionDays"));
        s.features = Some(FeatureSettings {
            attestation: Some(false),
            ..Default::default()
        });
        s.authenticators = Some(AuthenticatorSettings {
            allowed: vec!["not-a-guid".into()],
            denied: vec![],
        });
        assert!(s.check().unwrap_err().contains("not an AAGUID"));
        s.authenticators = Some(AuthenticatorSettings {
            allowed: vec!["00000000-0000-0000-0000-000000000001".into()],
            denied: vec![],
        });
        assert!(s.check().unwrap_err().contains("need attestation"));
        let mut configs = BTreeMap::new();
        configs.insert("pay ment".to_owned(), AuthConfigSettings::default());
        let s = Settings {
            auth_configurations: Some(configs),
            ..Default::default()
        };
        assert!(s.check().unwrap_err().contains("not a valid purpose"));
        let mut configs = BTreeMap::new();
        configs.insert(
            "pay".to_owned(),
            AuthConfigSettings {
                hints: Some(vec!["hybrid".into(); 4]),
                ..Default::default()
            },
        );
        let s = Settings {
            auth_configurations: Some(configs),
            ..Default::default()
        };
        assert!(s.check().unwrap_err().contains("at most 3"));
    }
}
