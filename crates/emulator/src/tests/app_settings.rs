//! What an app's secret may change or read: features, auth configs, authenticators, events and
//! reporting.

use serde_json::json;

use super::Env;

#[test]
fn app_features_patch() {
    let env = Env::new();
    let errors = env
        .post("/apps/features", r#"{"eventLoggingRetentionPeriod":91}"#)
        .validation();
    assert_eq!(
        errors,
        json!({"eventLoggingRetentionPeriod": ["The field EventLoggingRetentionPeriod must be between 0 and 90."]})
    );
    assert_eq!(
        env.post("/apps/features", r#"{"auditLoggingRetentionPeriod":7}"#)
            .status,
        204
    );
    assert_eq!(env.get("/apps/features").status, 405);
    let r = env.post("/apps/features", r#"{"enableManuallyGeneratedAuthenticationTokens":false,"eventLoggingRetentionPeriod":"30"}"#);
    assert_eq!(r.status, 204);
    env.post("/signin/generate-token", r#"{"userId":"u"}"#)
        .api_error(
            403,
            None,
            "The 'POST /signin/generate-token' endpoint is disabled",
        );
    let f = env
        .mgmt("GET", "/admin/apps/devapp/features", None)
        .ok_json();
    assert_eq!(f["isGenerateSignInTokenEndpointEnabled"], false);
    assert_eq!(f["eventLoggingRetentionPeriod"], 30);
}

#[test]
fn auth_configs() {
    let env = Env::new();
    let v = env.get("/auth-configs/list").ok_json();
    let purposes: Vec<&str> = v["configurations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["step-up", "sign-in"]);
    assert_eq!(
        v["configurations"][1],
        json!({"purpose":"sign-in","userVerificationRequirement":"preferred","timeToLive":120,"hints":"","createdBy":"System","createdOn":null,"editedBy":null,"editedOn":null,"lastUsedOn":null})
    );
    let body = r#"{"purpose":"checkout","userVerificationRequirement":"required","timeToLive":"00:03:00","hints":["security-key","hybrid"],"performedBy":"me"}"#;
    let r = env.post("/auth-configs/add", body);
    assert_eq!(
        (r.status, r.text.as_str(), r.header("location")),
        (201, "", None)
    );
    env.post("/auth-configs/add", body).api_error(
        400,
        None,
        "The configuration checkout already exists.",
    );
    env.post("/auth-configs/add", &body.replace("checkout", "sign-in"))
        .api_error(400, None, "The configuration sign-in already exists.");
    let v = env.get("/auth-configs/list?purpose=checkout").ok_json();
    let c = &v["configurations"][0];
    assert_eq!(
        (
            c["timeToLive"].clone(),
            c["hints"].clone(),
            c["createdBy"].clone()
        ),
        (json!(180), json!("SecurityKey, Hybrid"), json!("me"))
    );
    assert!(c["createdOn"].as_str().unwrap().ends_with("+00:00"));
    assert_eq!(
        env.get("/auth-configs/list?purpose=nope").ok_json(),
        json!({"configurations": []})
    );
    let errors = env
        .post(
            "/auth-configs/add",
            r#"{"purpose":"bad purpose!","performedBy":""}"#,
        )
        .validation();
    assert_eq!(
        errors,
        json!({"purpose": ["Characters are limited to A-z, 0-9, -, or _."], "performedBy": ["The PerformedBy field is required."]})
    );
    env.post(
        "/auth-configs/add",
        r#"{"purpose":"x","performedBy":"me","timeToLive":180}"#,
    )
    .binding();
    assert_eq!(
        env.post("/auth-configs", &body.replace("00:03:00", "1.00:00:00"))
            .status,
        204
    );
    let v = env.get("/auth-configs/list?purpose=checkout").ok_json();
    assert_eq!(v["configurations"][0]["timeToLive"], 86400);
    assert_eq!(v["configurations"][0]["editedBy"], "me");
    env.post("/auth-configs", &body.replace("checkout", "unknown"))
        .api_error(404, None, "The configuration unknown does not exist.");
    env.post(
        "/auth-configs/delete",
        r#"{"purpose":"sign-in","performedBy":"me"}"#,
    )
    .api_error(400, None, "The sign-in configuration cannot be deleted.");
    let r = env.post(
        "/auth-configs/delete",
        r#"{"purpose":"unknown","performedBy":"me"}"#,
    );
    assert_eq!((r.status, r.text.as_str()), (404, ""));
    env.post("/auth-configs/delete", r#"{"purpose":"checkout"}"#)
        .binding();
    assert_eq!(
        env.post(
            "/auth-configs/delete",
            r#"{"purpose":"checkout","performedBy":"me"}"#
        )
        .status,
        204
    );
}

#[test]
fn authenticators_need_attestation() {
    let env = Env::free();
    let guid = "08987058-cadc-4b81-b6e1-30de50dcbe96";
    env.get("/authenticators/list?isAllowed=true").api_error(
        403,
        Some("attestation_not_supported_on_plan"),
        "Attestation is not supported on your plan.",
    );
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"allowAttestation":true}"#),
    );
    env.post(
        "/register/token",
        r#"{"userId":"u","username":"n","attestation":"direct"}"#,
    )
    .ok_json();
    let add = json!({"aaGuids": [guid], "isAllowed": true}).to_string();
    assert_eq!(env.post("/authenticators/add", &add).status, 204);
    let v = env.get("/authenticators/list?isallowed=True").ok_json();
    assert_eq!(v[0]["aaGuid"], guid);
    assert_eq!(
        env.get("/authenticators/list?isAllowed=false").ok_json(),
        json!([])
    );
    env.get("/authenticators/list").binding();
    env.post("/authenticators/add", r#"{"aaGuids":[],"isAllowed":true}"#)
        .validation();
    env.post(
        "/authenticators/add",
        r#"{"aaGuids":["nope"],"isAllowed":true}"#,
    )
    .binding();
    assert_eq!(env.post("/authenticators/remove", &add).status, 204);
    assert_eq!(
        env.get("/authenticators/list?isAllowed=true").ok_json(),
        json!([])
    );
}

#[test]
fn events_and_reporting() {
    let env = Env::free();
    let v = env.get("/events?pageNumber=1").problem(403);
    assert_eq!(
        v["type"],
        "https://docs.passwordless.dev/guide/errors.html#forbidden"
    );
    env.mgmt(
        "POST",
        "/admin/apps/devapp/features",
        Some(r#"{"eventLoggingIsEnabled":true,"eventLoggingRetentionPeriod":30}"#),
    );
    let token = env.verify_token("u1");
    env.post("/signin/verify", &json!({ "token": token }).to_string())
        .ok_json();
    env.post("/register/token", r#"{"userId":"u1","username":"n"}"#)
        .ok_json();
    let v = env.get("/events?pageNumber=1&numberOfResults=2").ok_json();
    assert_eq!(v["tenantId"], "devapp");
    // The server records nothing for a generated token: two events, not three.
    assert_eq!(v["totalEventCount"], 2);
    let types: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["ApiAuthUserRegistered", "ApiUserSignInVerified"]);
    assert_eq!(v["events"][0]["apiKeyId"], "cdef");
    assert_eq!(v["events"][0]["severity"], "Informational");
    let v = env.get("/events?pageNumber=2&numberOfResults=2").ok_json();
    assert_eq!(v["events"], json!([]));
    env.get("/events").binding();
    let errors = env
        .get("/events?pageNumber=0&numberOfResults=1001")
        .validation();
    assert!(errors["pageNumber"].is_array() && errors["numberOfResults"].is_array());

    let rows = env.get("/reporting/credentials/periodic").ok_json();
    assert_eq!(rows[0]["users"], 0);
    assert!(
        env.get("/reporting/active-users/periodic?from=2000-01-01&to=2000-01-02")
            .ok_json()
            == json!([])
    );
    env.get("/reporting/credentials/periodic?from=yesterday")
        .binding();
}

#[test]
fn token_events_of_parallel_requests_are_each_listed_once_in_order() {
    // In memory the token routes add their event under the read lock, through the log's own
    // lock: nothing may be lost or reordered when requests run side by side.
    let env = Env::new();
    std::thread::scope(|s| {
        for thread in 0..4 {
            let env = &env;
            s.spawn(move || {
                for n in 0..25 {
                    let body = json!({ "userId": format!("t{thread}-{n}"), "username": "n" });
                    env.post("/register/token", &body.to_string()).ok_json();
                }
            });
        }
    });
    let v = env
        .get("/events?pageNumber=1&numberOfResults=1000")
        .ok_json();
    assert_eq!(v["totalEventCount"], 100);
    let users: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["performedBy"].as_str().unwrap())
        .collect();
    assert_eq!(users.len(), 100);
    for thread in 0..4 {
        // Newest first: each thread's own requests in reverse.
        let own: Vec<&str> = users
            .iter()
            .copied()
            .filter(|u| u.starts_with(&format!("t{thread}-")))
            .collect();
        let expected: Vec<String> = (0..25).rev().map(|n| format!("t{thread}-{n}")).collect();
        assert_eq!(own, expected);
    }
}

/// A seed's settings sections (the `app export` format) configure the development app: the
/// routes then answer what the file says, on the free plan too, and the development keys stay.
#[test]
fn a_seed_with_settings_configures_the_app() {
    let seed: crate::Seed = serde_json::from_value(json!({
        "version": 1,
        "features": {"attestation": true, "eventLogging": true, "eventLogRetentionDays": 30,
                     "magicLinks": false, "maxUsers": 7, "magicLinkMonthlyQuota": 10},
        "authConfigurations": {"pay": {"hints": ["hybrid"], "timeToLive": 300,
                                       "userVerification": "required"},
                               "sign-in": {"timeToLive": 60}},
        "authenticators": {"allowed": ["EE882879-721C-4913-9775-3DFCCE97072A"], "denied": []},
        "apiKeys": [
            {"type": "public", "scopes": ["login", "register"]},
            {"type": "secret", "scopes": ["token_register", "token_verify"]},
            {"id": "ab12", "type": "secret", "scopes": ["token_verify"], "locked": true}
        ],
        "users": [{"userId": "alice", "credentials": [{"id": "AQIDBA"}]}]
    }))
    .unwrap();
    let env = Env::with(crate::EmulatorConfig {
        deterministic: true,
        seed: Some(seed),
        plan: Some(crate::Plan::Free),
        ..crate::EmulatorConfig::default()
    });
    let features = env
        .mgmt("GET", "/admin/apps/devapp/features", None)
        .ok_json();
    assert_eq!(features["allowAttestation"], true);
    assert_eq!(features["eventLoggingIsEnabled"], true);
    assert_eq!(features["eventLoggingRetentionPeriod"], 30);
    assert_eq!(features["isMagicLinksEnabled"], false);
    assert_eq!(features["maxUsers"], 7);
    let pay = env.get("/auth-configs/list?purpose=pay").ok_json();
    assert_eq!(
        pay["configurations"][0]["userVerificationRequirement"],
        "required"
    );
    assert_eq!(pay["configurations"][0]["timeToLive"], 300);
    assert_eq!(pay["configurations"][0]["hints"], "Hybrid");
    let sign_in = env.get("/auth-configs/list?purpose=sign-in").ok_json();
    assert_eq!(sign_in["configurations"][0]["timeToLive"], 60);
    let allowed = env.get("/authenticators/list?isAllowed=true").ok_json();
    assert_eq!(allowed[0]["aaGuid"], "ee882879-721c-4913-9775-3dfcce97072a");
    let keys = env
        .mgmt("GET", "/admin/apps/devapp/api-keys", None)
        .ok_json();
    let keys = keys.as_array().unwrap();
    assert_eq!(keys.len(), 3, "{keys:?}");
    let made = keys
        .iter()
        .find(|k| k["id"] == "ab12")
        .expect("the file's id");
    assert_eq!(made["isLocked"], true);
    assert_eq!(made["type"], 2);
    // The development secret still works.
    assert_eq!(env.get("/users/count").ok_json()["count"], 1);
}

#[test]
fn a_seed_with_bad_settings_is_refused_at_start() {
    let seed: crate::Seed = serde_json::from_value(json!({
        "authConfigurations": {"pay": {"hints": ["hybrid", "hybrid", "hybrid", "hybrid"]}}
    }))
    .unwrap();
    let error = crate::Emulator::start(crate::EmulatorConfig {
        seed: Some(seed),
        ..crate::EmulatorConfig::default()
    })
    .err()
    .expect("a bad seed stops the start");
    assert!(format!("{error:#}").contains("at most 3"), "{error:#}");
}
