//! Property tests: no answer a server can send, and no text it can put in a header, makes the
//! client's decoders, redaction or escaping panic.

use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::exchange::Answer;
use super::types::*;
use super::*;

fn client() -> Client {
    Client::new(ClientSettings::new(
        parse_base_url("http://127.0.0.1:9").unwrap(),
        Auth::Anonymous,
        Duration::from_secs(1),
        None,
    ))
    .unwrap()
}

/// Arbitrary bytes, and text that is nearly JSON (which reaches deeper into the decoders).
fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..256),
        "[\\[\\]{}\":,.0-9a-zA-Z_\\\\ -]{0,96}".prop_map(String::into_bytes),
    ]
}

fn decode_all(body: &[u8]) {
    let _ = serde_json::from_slice::<ProblemDetails>(body);
    let _ = serde_json::from_slice::<TokenResponse>(body);
    let _ = serde_json::from_slice::<VerifiedUser>(body);
    let _ = serde_json::from_slice::<Values<UserSummary>>(body);
    let _ = serde_json::from_slice::<Values<Credential>>(body);
    let _ = serde_json::from_slice::<UserCount>(body);
    let _ = serde_json::from_slice::<EventPage>(body);
    let _ = serde_json::from_slice::<AuthConfigList>(body);
    let _ = serde_json::from_slice::<Vec<Authenticator>>(body);
    let _ = serde_json::from_slice::<CreatedApp>(body);
    let _ = serde_json::from_slice::<HealthReport>(body);
}

proptest! {
    #[test]
    fn no_body_or_content_type_panics(
        body in bodies(),
        content_type in proptest::option::of("[ -~]{0,48}"),
        status in 200u16..300,
    ) {
        let client = client();
        let answer = Answer {
            method: Method::GET,
            url: client.base_url.clone(),
            status,
            content_type,
            date: None,
            body: body.clone(),
        };
        for expect in [Expect::Json, Expect::JsonOrEmpty, Expect::Empty] {
            let _ = client.check_body(&answer, expect);
        }
        decode_all(&body);
    }

    #[test]
    fn redaction_escaping_and_retry_after_never_panic(body in bodies()) {
        let text = String::from_utf8_lossy(&body);
        let shown = redact::body(&body, 40);
        prop_assert!(shown.chars().count() <= 40 + 32);
        let _ = redact::redact_text(&text);
        let _ = redact::header_value("ApiSecret", &text);
        let escaped = passwordless_model::text::escape(&text);
        prop_assert!(!escaped.chars().any(char::is_control));
        let _ = retry::parse_retry_after(&text, SystemTime::now());
    }
}
