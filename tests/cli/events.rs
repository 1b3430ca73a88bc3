//! `events list` as a log tool (issue 20 item 10): one event per `--jsonl` line, a footer that
//! says which page of how many, `--all`, `--since`, `--type`, and `--follow`.

use std::time::Duration;

use crate::common::{Follower, TestEnv};
use crate::snap;

/// An emulator whose log holds three registrations, users 1, 2 and 3 (newest last).
fn three_events() -> TestEnv {
    let env = TestEnv::new();
    for user in ["1", "2", "3"] {
        env.value(&["register-token", "--user-id", user, "--quiet"]);
    }
    env
}

#[test]
fn jsonl_prints_one_event_per_line_not_the_page() {
    let env = three_events();
    let run = env.run(&["events", "list", "--jsonl"]);
    assert_eq!(run.code, 0, "{run}");
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{run}");
    for (line, user) in lines.iter().zip(["3", "2", "1"]) {
        assert_eq!(line["eventType"], "ApiAuthUserRegistered", "{run}");
        assert_eq!(line["performedBy"], user, "{run}");
        assert!(line.get("totalEventCount").is_none(), "{run}");
    }
    // `--json` keeps the API's page object, which a script pages through.
    let json = env.run(&["events", "list", "--json"]).json();
    assert_eq!(json["totalEventCount"], 3);
}

#[test]
fn the_table_says_which_page_of_how_many_and_how_to_get_the_next() {
    let env = three_events();
    let run = env.run(&["events", "list", "--per-page", "2"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    TIME	EVENT	SEVERITY	SUBJECT	BY	MESSAGE
    [TIME] UTC	ApiAuthUserRegistered	Informational	devapp	3	Created registration token for 3
    [TIME] UTC	ApiAuthUserRegistered	Informational	devapp	2	Created registration token for 2
    --- stderr
    page 1 of 2 (3 events), more with --page 2
    ");
    let run = env.run(&["events", "list", "--per-page", "2", "--page", "2"]);
    assert_eq!(run.stderr, "page 2 of 2 (3 events)\n", "{run}");
    let run = env.run(&["events", "list", "--per-page", "2", "--quiet"]);
    assert_eq!(run.stderr, "", "only tables get the footer: {run}");
}

#[test]
fn all_streams_every_page() {
    let env = three_events();
    let run = env.run(&["events", "list", "--all", "--per-page", "1", "--jsonl"]);
    assert_eq!(run.code, 0, "{run}");
    assert_eq!(run.stdout.lines().count(), 3, "{run}");
    let run = env.run(&["events", "list", "--all", "--per-page", "2", "--json"]);
    let json = run.json();
    let users: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["performedBy"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["3", "2", "1"], "{run}");
    let run = env.run(&["events", "list", "--all", "--per-page", "1"]);
    snap!(env, run, times, @"
    exit: 0
    --- stdout
    TIME	EVENT	SEVERITY	SUBJECT	BY	MESSAGE
    [TIME] UTC	ApiAuthUserRegistered	Informational	devapp	3	Created registration token for 3
    [TIME] UTC	ApiAuthUserRegistered	Informational	devapp	2	Created registration token for 2
    [TIME] UTC	ApiAuthUserRegistered	Informational	devapp	1	Created registration token for 1
    --- stderr
    ");
    // On a terminal a bordered table cannot grow as pages come: one log line per event.
    #[cfg(target_os = "linux")]
    {
        let run = env.run_on_terminal(&["events", "list", "--all", "--per-page", "1"]);
        snap!(env, run, times, @"
        exit: 0
        --- stdout
        [TIME] UTC  ApiAuthUserRegistered  Informational  devapp  3  Created registration token for 3
        [TIME] UTC  ApiAuthUserRegistered  Informational  devapp  2  Created registration token for 2
        [TIME] UTC  ApiAuthUserRegistered  Informational  devapp  1  Created registration token for 1
        --- stderr
        ");
    }
    let run = env.run(&["events", "list", "--all", "--page", "2"]);
    assert_eq!(run.code, 2, "--all and --page contradict: {run}");
}

#[test]
fn since_and_type_filter_the_log() {
    let env = three_events();
    let count = |args: &[&str]| {
        let mut all = vec!["events", "list", "--jsonl", "--per-page", "1"];
        all.extend_from_slice(args);
        let run = env.run(&all);
        assert_eq!(run.code, 0, "{run}");
        run.stdout.lines().count()
    };
    assert_eq!(count(&["--since", "1h"]), 3);
    assert_eq!(count(&["--since", "2000-01-01"]), 3);
    assert_eq!(count(&["--since", "2999-01-01T00:00:00Z"]), 0);
    assert_eq!(count(&["--type", "apiauthuserregistered"]), 1, "one page");
    assert_eq!(count(&["--all", "--type", "ApiAuthUserRegistered"]), 3);
    assert_eq!(count(&["--all", "--type", "ApiUserSignInVerified"]), 0);
    let run = env.run(&["events", "list", "--since", "2999-01-01", "--json"]);
    assert_eq!(run.stdout, "[]\n", "{run}");
    let run = env.run(&["events", "list", "--since", "yesterday-ish"]);
    snap!(env, run, @"
    exit: 2
    --- stdout
    --- stderr
    error: --since `yesterday-ish` is not a time ([TIME]), a date (2026-01-02) or a duration ago (30m, 2h, 7d)
    ");
}

/// `--follow` polls until killed and prints events logged after it started, oldest first.
#[test]
fn follow_prints_new_events_as_they_are_logged() {
    let env = three_events();
    let follower = Follower::start(
        &env,
        &[
            "events",
            "list",
            "--follow",
            "--interval",
            "100ms",
            "--jsonl",
        ],
    );
    // The follower counts what is logged when it starts; log until it prints one new event.
    let mut user = 100;
    let first = follower.next_line_after(|| {
        env.value(&["register-token", "--user-id", &user.to_string(), "--quiet"]);
        user += 1;
    });
    let event: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(event["eventType"], "ApiAuthUserRegistered", "{first}");
    let by: u32 = event["performedBy"].as_str().unwrap().parse().unwrap();
    assert!(by >= 100, "only events logged after it started: {first}");
}

/// `--timeout` bounds each poll of `--follow`, not the whole follow: a follower once died with
/// exit 7 when its one deadline, counted from the start, ran out.
#[test]
fn follow_outlives_its_timeout() {
    let env = three_events();
    let mut follower = Follower::start(
        &env,
        &[
            "events",
            "list",
            "--follow",
            "--interval",
            "100ms",
            "--jsonl",
            "--timeout",
            "1s",
        ],
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        follower.is_running(),
        "the follower ended after its --timeout"
    );
    let mut user = 200;
    follower.next_line_after(|| {
        env.value(&["register-token", "--user-id", &user.to_string(), "--quiet"]);
        user += 1;
    });
}
