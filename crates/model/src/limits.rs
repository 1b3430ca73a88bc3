//! Server limits and wire enums, written down once (contract §2, §5). The CLI checks input
//! against them before a call and the emulator validates requests with them, so the two agree
//! by construction. Only values and small predicates live here; messages stay with their users.

/// At most this many aliases per user (`POST /alias`, `POST /register/token`).
pub const MAX_ALIASES: usize = 10;
/// Longest alias, in UTF-16 code units as .NET counts string length.
pub const MAX_ALIAS_LEN: usize = 250;
/// At most this many WebAuthn hints on a registration token.
pub const MAX_HINTS: usize = 3;

/// Token lifetimes (`timeToLive` of sign-in tokens and magic links), in seconds.
pub const MIN_TTL_SECONDS: i64 = 1;
pub const MAX_TTL_SECONDS: i64 = 604_800;
/// Default lifetime of registration and generated sign-in tokens.
pub const DEFAULT_TOKEN_TTL_SECONDS: i64 = 120;
/// Default lifetime of a magic-link token.
pub const DEFAULT_MAGIC_LINK_TTL_SECONDS: i64 = 3600;
/// Longest WebAuthn user handle (`user.id`) browsers accept. The server does not check a
/// `userId` against it (its docs say "max. 64 bytes"); a longer one fails in the browser.
pub const MAX_USER_HANDLE_BYTES: usize = 64;
/// How young an app is "new" (`MagicLinks:NewAccountTimeout`, 24 h in the cloud): until then it may
/// send magic links only to its admin e-mail address.
pub const NEW_APP_TIMEOUT_HOURS: i64 = 24;

/// `eventLoggingRetentionPeriod`, in days, as the feature routes validate it.
pub const MIN_RETENTION_DAYS: i64 = 0;
pub const MAX_RETENTION_DAYS: i64 = 90;
/// What a new app starts with (outside the range above; the server does not validate it there).
pub const DEFAULT_RETENTION_DAYS: i64 = 365;

/// `GET /events` paging.
pub const MAX_EVENTS_PER_PAGE: i64 = 1000;
pub const DEFAULT_EVENTS_PER_PAGE: i64 = 100;

/// Auth-config purposes: at most 255 UTF-16 units of letters, digits, `-` and `_`.
pub const MAX_PURPOSE_LEN: usize = 255;
/// The two configurations every app has and none may delete.
pub const BUILTIN_PURPOSES: [&str; 2] = ["sign-in", "step-up"];
/// .NET's `TimeSpan.MaxValue`, in whole days.
pub const MAX_TIMESPAN_DAYS: i64 = 10_675_199;

/// The character rule of a purpose (the server's `^[\w\-]*$`).
pub fn is_purpose_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Longest app id `POST /admin/apps/{appId}/create` accepts.
pub const MAX_APP_ID_LEN_CREATE: usize = 62;
/// Longest app id `GET /admin/apps/{appId}/available` accepts (its regex is stricter).
pub const MAX_APP_ID_LEN_AVAILABLE: usize = 50;
pub const MIN_APP_ID_LEN: usize = 3;

/// `^[a-z][a-z0-9]{2,max_len-1}$`: the app-id rule of the management routes.
pub fn is_app_id(id: &str, max_len: usize) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && (MIN_APP_ID_LEN..=max_len).contains(&id.len())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// The regular expression the server names when an app id fails [`is_app_id`].
pub fn app_id_pattern(max_len: usize) -> String {
    format!("^[a-z][a-z0-9]{{{},{}}}$", MIN_APP_ID_LEN - 1, max_len - 1)
}

/// WebAuthn hints: the request spelling and the .NET enum name the server lists them by.
pub const HINTS: [(&str, &str); 3] = [
    ("security-key", "SecurityKey"),
    ("client-device", "ClientDevice"),
    ("hybrid", "Hybrid"),
];

/// The enum name of a request hint (`security-key` → `SecurityKey`).
pub fn hint_name(wire: &str) -> Option<&'static str> {
    HINTS.iter().find(|(w, _)| *w == wire).map(|(_, n)| *n)
}

/// The request spelling of a listed hint name (`SecurityKey` → `security-key`).
pub fn hint_wire(name: &str) -> Option<&'static str> {
    HINTS.iter().find(|(_, n)| *n == name).map(|(w, _)| *w)
}

/// `userVerification` / `userVerificationRequirement` values.
pub const USER_VERIFICATION: [&str; 3] = ["preferred", "required", "discouraged"];

/// The two kinds of API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    Public,
    Secret,
}

impl KeyType {
    /// `ApiKeyTypes` as the key listing writes it: a number.
    pub fn wire(self) -> u8 {
        match self {
            KeyType::Public => 1,
            KeyType::Secret => 2,
        }
    }

    pub fn from_wire(number: u8) -> Option<KeyType> {
        [KeyType::Public, KeyType::Secret]
            .into_iter()
            .find(|k| k.wire() == number)
    }

    /// The word inside a key (`app:public:…`, `app:secret:…`).
    pub fn word(self) -> &'static str {
        match self {
            KeyType::Public => "public",
            KeyType::Secret => "secret",
        }
    }

    /// The scopes of this kind of key, as the management routes number them.
    pub fn scopes(self) -> &'static [Scope] {
        match self {
            KeyType::Public => &PUBLIC_SCOPES,
            KeyType::Secret => &SECRET_SCOPES,
        }
    }
}

/// One API-key scope: its name (in keys, in 403 messages) and the number the management routes
/// take for it. The numbers are the server's enum values, written out here on purpose: they must
/// not follow the order of any Rust enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    pub name: &'static str,
    pub number: u8,
}

/// `PublicKeyScopes`.
pub const PUBLIC_SCOPES: [Scope; 2] = [
    Scope {
        name: "register",
        number: 0,
    },
    Scope {
        name: "login",
        number: 1,
    },
];

/// `SecretKeyScopes`.
pub const SECRET_SCOPES: [Scope; 2] = [
    Scope {
        name: "token_register",
        number: 0,
    },
    Scope {
        name: "token_verify",
        number: 1,
    },
];

/// The public-key scope `/register/begin` and `/register/complete` need.
pub const SCOPE_REGISTER: &str = "register";
/// The public-key scope `/signin/begin` and `/signin/complete` need.
pub const SCOPE_LOGIN: &str = "login";
/// The scope a `POST /register/token` key needs.
pub const SCOPE_TOKEN_REGISTER: &str = "token_register";
/// The scope `POST /signin/verify` and `/signin/generate-token` need.
pub const SCOPE_TOKEN_VERIFY: &str = "token_verify";

impl KeyType {
    /// The scope with this wire number, if the key type has one.
    pub fn scope_by_number(self, number: i64) -> Option<Scope> {
        self.scopes()
            .iter()
            .copied()
            .find(|s| i64::from(s.number) == number)
    }

    /// The scope with this name, if the key type has one.
    pub fn scope_by_name(self, name: &str) -> Option<Scope> {
        self.scopes().iter().copied().find(|s| s.name == name)
    }

    /// Every scope name of this key type, as new keys get them.
    pub fn all_scope_names(self) -> Vec<String> {
        self.scopes().iter().map(|s| s.name.to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_numbers_are_the_servers() {
        assert_eq!(KeyType::Public.scope_by_name("login").unwrap().number, 1);
        assert_eq!(
            KeyType::Secret.scope_by_number(0).unwrap().name,
            "token_register"
        );
        assert_eq!(KeyType::Secret.scope_by_number(2), None);
        assert_eq!(KeyType::from_wire(2), Some(KeyType::Secret));
        assert_eq!(KeyType::from_wire(3), None);
    }

    #[test]
    fn app_ids() {
        assert!(is_app_id("shop1", MAX_APP_ID_LEN_CREATE));
        assert!(!is_app_id("1shop", MAX_APP_ID_LEN_CREATE));
        assert!(!is_app_id("ab", MAX_APP_ID_LEN_CREATE));
        assert!(!is_app_id("Shop", MAX_APP_ID_LEN_CREATE));
        assert!(is_app_id(&"a".repeat(62), MAX_APP_ID_LEN_CREATE));
        assert!(!is_app_id(&"a".repeat(51), MAX_APP_ID_LEN_AVAILABLE));
        assert_eq!(app_id_pattern(62), "^[a-z][a-z0-9]{2,61}$");
    }

    #[test]
    fn hints_both_ways() {
        assert_eq!(hint_name("client-device"), Some("ClientDevice"));
        assert_eq!(hint_wire("Hybrid"), Some("hybrid"));
        assert_eq!(hint_wire("hybrid"), None);
    }
}
