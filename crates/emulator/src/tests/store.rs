//! The `--state` store: what it writes reads back the same, a change writes only the rows it
//! touched, and a JSON state file of the earlier format is converted (or refused, with a journal
//! of another epoch).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use time::OffsetDateTime;

use crate::cx::Cx;
use crate::events::By;
use crate::shared::Shared;
use crate::state::{Alias, OutboxEntry, State, initial};
use crate::store::{Scope, Store};
use crate::{EmulatorConfig, Seed, journal, persist};

/// The development app with `n` seeded users (an alias and a credential each), event logging
/// on, one event and one e-mail.
fn state_with_users(n: usize) -> State {
    let config = EmulatorConfig::default();
    let mut state = initial(&config);
    let users: Vec<_> = (0..n)
        .map(|i| {
            let id = URL_SAFE_NO_PAD.encode((i as u32 + 1).to_be_bytes());
            json!({"userId": format!("u{i}"), "aliases": [format!("a{i}")], "credentials": [{"id": id}]})
        })
        .collect();
    let seed: Seed = serde_json::from_value(json!({ "users": users })).expect("seed");
    let app = state.apps.get_mut(&config.app_id).expect("dev app");
    seed.apply(app).expect("apply");
    app.features.event_logging_enabled = true;
    By::of(app, "abcd", OffsetDateTime::now_utc()).aliases_set("u0");
    state.outbox.push(OutboxEntry {
        app_id: config.app_id.clone(),
        to: "a@example.com".into(),
        user_id: "u0".into(),
        link: "https://app.example/?t=x".into(),
        token: "x".into(),
        sent_at: "2026-01-01T00:00:00Z".into(),
    });
    state
}

fn as_json(state: &State) -> serde_json::Value {
    serde_json::to_value(state).expect("serialise")
}

#[test]
fn what_the_store_writes_reads_back_the_same() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.db");
    let mut state = state_with_users(20);
    let (store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("open");
    assert!(loaded.is_none());
    store.write_all(&mut state).expect("write");
    drop(store);
    let (_store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("reopen");
    assert_eq!(as_json(&loaded.expect("a state")), as_json(&state));
}

/// Regression for issue 22 item 9: every change other than an event rewrote the whole state
/// file, so `POST /alias` with 20,000 users ran at 150 requests a second.
#[test]
fn a_change_writes_only_the_rows_it_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.db");
    let mut state = state_with_users(2_000);
    let (store, _) = Store::open(&path, &crate::LogSink::discard()).expect("open");
    store.write_all(&mut state).expect("write");
    let app_id = EmulatorConfig::default().app_id;

    let before = store.total_changes();
    let app = state.apps.get_mut(&app_id).expect("app");
    let alias = Alias {
        user_id: "u7".into(),
        hash: app.alias_hash("new").into(),
        plaintext: Some("new".into()),
    };
    app.users.set_aliases("u7", vec![alias]);
    store.write(&mut state, Scope::All).expect("write");
    assert_eq!(store.total_changes() - before, 1, "one user row");

    let before = store.total_changes();
    let app = state.apps.get_mut(&app_id).expect("app");
    app.users.remove_user("u8");
    By::of(app, "abcd", OffsetDateTime::now_utc()).user_deleted("u8");
    store.write(&mut state, Scope::All).expect("write");
    assert_eq!(
        store.total_changes() - before,
        2,
        "a user row and an event row"
    );

    let before = store.total_changes();
    store.write(&mut state, Scope::All).expect("write");
    assert_eq!(
        store.total_changes(),
        before,
        "nothing changed, nothing written"
    );

    drop(store);
    let (_store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("reopen");
    let loaded = loaded.expect("a state");
    let app = &loaded.apps[&app_id];
    assert_eq!(
        app.users.aliases_of("u7")[0].plaintext.as_deref(),
        Some("new")
    );
    assert!(app.users.get("u8").is_none());
    assert_eq!(app.users.count_with_credentials(), 1_999);
    assert_eq!(as_json(&loaded), as_json(&state));
}

#[test]
fn a_json_state_file_is_converted_on_first_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.json");
    let mut state = state_with_users(5);
    let v1 = persist::to_bytes(&state, 4).expect("v1 bytes");
    std::fs::write(&path, &v1).expect("write v1");
    // One more event in the journal of the same epoch.
    let mut with_event = state.clone();
    let app = with_event.apps.values_mut().next().expect("app");
    By::of(app, "abcd", OffsetDateTime::now_utc()).user_deleted("u1");
    let event = app.events.newest(0, 1, Clone::clone).remove(0);
    let mut lines = Vec::new();
    journal::encode(&app.id, &event, &mut lines);
    journal::write(&journal::path_for(&path), 4, &lines).expect("journal");
    let app_id = app.id.clone();
    state.apps.get_mut(&app_id).expect("app").events.push(event);

    let (store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("convert");
    assert_eq!(as_json(&loaded.expect("a state")), as_json(&state));
    assert!(
        std::fs::read(&path)
            .expect("file")
            .starts_with(b"SQLite format 3\0")
    );
    let backup = dir.path().join("state.json.v1.json");
    assert_eq!(std::fs::read(backup).expect("the JSON file is kept"), v1);
    assert!(
        !journal::path_for(&path).exists(),
        "its events are in the database"
    );
    drop(store);
    let (_store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("reopen");
    assert_eq!(as_json(&loaded.expect("a state")), as_json(&state));
}

#[test]
fn a_json_state_file_with_a_journal_of_another_epoch_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.json");
    let v1 = persist::to_bytes(&state_with_users(1), 5).expect("v1 bytes");
    std::fs::write(&path, &v1).expect("write v1");
    journal::write(&journal::path_for(&path), 4, b"").expect("journal");
    let err = Store::open(&path, &crate::LogSink::discard())
        .err()
        .expect("refused");
    let text = format!("{err:#}");
    assert!(text.contains("continues epoch 4"), "{text}");
    assert!(text.contains("remove the journal"), "{text}");
    assert_eq!(std::fs::read(&path).expect("file"), v1, "left as it was");
}

#[test]
fn a_reset_rewrites_the_file_with_the_start_state() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state.db");
    let config = EmulatorConfig::default();
    let (store, _) = Store::open(&path, &crate::LogSink::discard()).expect("open");
    let shared = Shared::new(config.clone(), state_with_users(3), Some(store)).expect("shared");
    shared.save_all().expect("first write");
    let start = as_json(&shared.read());
    {
        let cx = Cx::new(&shared);
        let mut state = cx.lock();
        let app = state.apps.get_mut(&config.app_id).expect("app");
        app.users.remove_user("u1");
    }
    assert_ne!(as_json(&shared.read()), start);
    let cx = Cx::new(&shared);
    shared.reset(cx.lock()).expect("reset");
    assert!(!cx.save_failed());
    drop(shared);
    let (_store, loaded) = Store::open(&path, &crate::LogSink::discard()).expect("reopen");
    assert_eq!(as_json(&loaded.expect("a state")), start);
}
