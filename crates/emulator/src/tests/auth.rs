//! Authentication of backend routes: the exact 401 details, and auth before validation.

use serde_json::Value;

use super::Env;
use crate::DEV_API_KEY;

fn unauthorized(env: &Env, headers: &[(&str, &str)]) -> Value {
    let mut all = headers.to_vec();
    all.push(("Content-Type", "application/json"));
    let r = env.send("POST", "/register/token", &all, Some("not json"));
    let v = r.problem(401);
    assert_eq!(r.header("www-authenticate"), Some("ApiSecret"));
    assert_eq!(
        v["type"],
        "https://docs.passwordless.dev/guide/errors.html#ApiSecret"
    );
    assert_eq!(v["title"], "A valid 'ApiSecret' header is required.");
    v
}

#[test]
fn missing_and_invalid_secrets_get_exact_401_details() {
    let env = Env::new();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![], "A valid 'ApiSecret' header is required."),
        (
            vec![("ApiKey", DEV_API_KEY)],
            "A 'ApiKey' header was supplied when a 'ApiSecret' header should have been supplied.",
        ),
        (
            vec![("ApiSecret", "verify_abc")],
            "A verify token was supplied instead of your 'ApiSecret'.",
        ),
        (
            vec![("ApiSecret", "register_abc")],
            "A register token was supplied instead of your 'ApiSecret'.",
        ),
        (
            vec![("ApiSecret", DEV_API_KEY)],
            "Your ApiSecret header contained a public ApiKey instead of your 'ApiSecret'.",
        ),
        (
            vec![("ApiSecret", "abcdefghijklmnop")],
            "We don't recognize the value you supplied for your 'ApiSecret'. It started with: 'abcdefghij'.",
        ),
        (
            vec![(
                "ApiSecret",
                "devapp:secret:00000000000000000000000000000000",
            )],
            "The value of your 'ApiSecret' is not valid.",
        ),
        (
            vec![(
                "ApiSecret",
                "otherapp:secret:0123456789abcdef0123456789abcdef",
            )],
            "The value of your 'ApiSecret' is not valid.",
        ),
    ];
    for (headers, detail) in cases {
        let v = unauthorized(&env, &headers);
        assert_eq!(v["detail"], detail, "{headers:?}");
    }
}

#[test]
fn auth_runs_before_validation() {
    let env = Env::new();
    let r = env.send(
        "POST",
        "/signin/verify",
        &[("Content-Type", "application/json")],
        Some("{"),
    );
    assert_eq!(
        r.problem(401)["detail"],
        "A valid 'ApiSecret' header is required."
    );
}
