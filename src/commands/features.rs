//! An application's features (`admin apps features`) in words for a terminal: "Event logging
//! on", "Max users unlimited". Piped output keeps the API's member names, which scripts read.

use std::borrow::Cow;

use serde_json::Value;

use crate::output::{cell, plural, when};

/// One row per member of the answer, in the server's order; members this CLI does not know
/// keep their wire name and value.
pub fn in_words(json: &Value) -> Vec<(Cow<'static, str>, String)> {
    let Value::Object(members) = json else {
        return vec![(Cow::Borrowed("value"), cell(Some(json)))];
    };
    members
        .iter()
        .map(|(name, value)| match word(name, value) {
            Some((label, shown)) => (Cow::Borrowed(label), shown),
            None => (Cow::Owned(name.clone()), cell(Some(value))),
        })
        .collect()
}

fn word(name: &str, value: &Value) -> Option<(&'static str, String)> {
    let on = |value: &Value| {
        value
            .as_bool()
            .map(|on| if on { "on" } else { "off" }.to_owned())
    };
    Some(match name {
        "eventLoggingIsEnabled" => ("Event logging", on(value)?),
        "eventLoggingRetentionPeriod" => (
            "Event log retention",
            plural(usize::try_from(value.as_u64()?).ok()?, "day", "days"),
        ),
        "developerLoggingEndsAt" => ("Developer logging ends", when(value.as_str())),
        "maxUsers" => (
            "Max users",
            match value {
                Value::Null => "unlimited".to_owned(),
                other => other.as_i64()?.to_string(),
            },
        ),
        "allowAttestation" => (
            "Attestation",
            if value.as_bool()? {
                "allowed"
            } else {
                "not allowed"
            }
            .to_owned(),
        ),
        "isGenerateSignInTokenEndpointEnabled" => ("Generated sign-in tokens", on(value)?),
        "isMagicLinksEnabled" => ("Magic links", on(value)?),
        "magicLinkEmailMonthlyQuota" => ("Magic-link e-mails a month", value.as_i64()?.to_string()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_feature_the_server_reports_reads_as_words() {
        let json = json!({
            "eventLoggingIsEnabled": true,
            "eventLoggingRetentionPeriod": 365,
            "developerLoggingEndsAt": null,
            "maxUsers": null,
            "allowAttestation": false,
            "isGenerateSignInTokenEndpointEnabled": true,
            "isMagicLinksEnabled": false,
            "somethingNew": [1, 2]
        });
        let rows: Vec<(String, String)> = in_words(&json)
            .into_iter()
            .map(|(label, value)| (label.into_owned(), value))
            .collect();
        let expected = [
            ("Event logging", "on"),
            ("Event log retention", "365 days"),
            ("Developer logging ends", "-"),
            ("Max users", "unlimited"),
            ("Attestation", "not allowed"),
            ("Generated sign-in tokens", "on"),
            ("Magic links", "off"),
            ("somethingNew", "1, 2"),
        ];
        assert_eq!(
            rows,
            expected
                .iter()
                .map(|(l, v)| ((*l).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        );
        let one = in_words(&json!({"eventLoggingRetentionPeriod": 1, "maxUsers": 5,
            "developerLoggingEndsAt": "2026-01-02T03:04:05Z"}));
        assert_eq!(one[0].1, "1 day");
        assert_eq!(one[1].1, "5");
        assert_eq!(one[2].1, "2026-01-02 03:04:05 UTC");
    }

    #[test]
    fn an_unexpected_value_keeps_the_wire_name() {
        let rows = in_words(&json!({"maxUsers": "lots"}));
        assert_eq!(rows[0].0, "maxUsers");
        assert_eq!(rows[0].1, "lots");
    }
}
