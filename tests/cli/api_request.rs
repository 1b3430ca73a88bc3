//! `passwordless api`: requests to any path with the right credential.

use crate::common::TestEnv;
use crate::snap;

#[test]
fn raw_api_requests() {
    let env = TestEnv::seeded();
    let run = env.run(&["api", "GET", "/users/count"]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    {
      "count": 2
    }
    --- stderr
    "#);
    let run = env.run(&[
        "api",
        "post",
        "/signin/verify",
        "--data",
        r#"{"token":"verify_x"}"#,
        "--dry-run",
    ]);
    snap!(env, run, @r#"
    exit: 0
    --- stdout
    POST http://127.0.0.1:[PORT]/signin/verify
    ApiSecret: devapp:secret:****cdef
    Content-Type: application/json

    {
      "token": "verify_x"
    }
    --- stderr
    "#);
    let run = env.run(&["api", "GET", "/alias/list?userId=alice"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(
        run.json()["values"][0]["plaintext"],
        "alice@example.com",
        "{run}"
    );
    let run = env.run(&["api", "POST", "/alias", "--data", "{not json"]);
    assert_eq!(run.code, 2, "{run}");
    let run = env.run(&["api", "GET", "/no/such/route"]);
    assert_eq!(run.code, 3, "{run}");
}
