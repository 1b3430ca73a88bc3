//! The development app's plan: which paid features it starts with.
//!
//! A developer wants every command to work at once, so the development app starts on the
//! `developer` plan with every feature on. `free` switches the gating on (no attestation, no
//! event logging) so that the "not on your plan" answers can be tried and tested.

use serde::{Deserialize, Serialize};

use super::state::Features;

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    /// Every feature on: attestation, event logging, magic links, generated sign-in tokens.
    #[default]
    Developer,
    /// The free plan's gating: no attestation and no event logging.
    Free,
}

impl Plan {
    pub const NAMES: [&'static str; 2] = ["developer", "free"];

    /// The features an app on this plan starts with.
    pub fn features(self) -> Features {
        let gated = Features::default();
        match self {
            Plan::Free => gated,
            Plan::Developer => Features {
                event_logging_enabled: true,
                allow_attestation: true,
                generate_signin_enabled: true,
                magic_links_enabled: true,
                ..gated
            },
        }
    }
}

impl std::str::FromStr for Plan {
    type Err = String;

    /// Parses a `--plan` value (`developer` or `free`), or says which values exist.
    fn from_str(value: &str) -> Result<Plan, String> {
        parse(value)
    }
}

fn parse(value: &str) -> Result<Plan, String> {
    match value.to_ascii_lowercase().as_str() {
        "developer" => Ok(Plan::Developer),
        "free" => Ok(Plan::Free),
        _ => Err(format!(
            "unknown plan {value:?}; use one of: {}",
            Plan::NAMES.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn developer_has_every_feature_and_free_gates() {
        let dev = Plan::Developer.features();
        assert!(dev.allow_attestation && dev.event_logging_enabled);
        assert!(dev.magic_links_enabled && dev.generate_signin_enabled);
        let free = Plan::Free.features();
        assert!(!free.allow_attestation && !free.event_logging_enabled);
    }

    #[test]
    fn parse_names_the_choices() {
        assert_eq!(parse("FREE"), Ok(Plan::Free));
        assert_eq!(
            parse("pro").unwrap_err(),
            "unknown plan \"pro\"; use one of: developer, free"
        );
    }
}
