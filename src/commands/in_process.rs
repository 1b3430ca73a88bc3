//! Commands run in-process with an injected context (gh's `Factory`): no process, no config
//! file, no keyring; the client each command asks for is made by the test. The spawned-binary
//! tests in tests/cli test what users run; these show the seam works and test hint notes.

use std::sync::Arc;
use std::time::Duration;

use clap::Parser as _;
use passwordless_emulator::{DEV_API_SECRET, DEV_MANAGEMENT_KEY, Emulator, EmulatorConfig};

use crate::api::{Client, ClientSettings, parse_base_url};
use crate::cli::Cli;
use crate::context::Context;
use crate::output::{Format, Output};

fn run(ctx: &Context, words: &[&str]) -> anyhow::Result<Output> {
    let argv = std::iter::once("passwordless").chain(words.iter().copied());
    let cli = Cli::try_parse_from(argv).expect("a valid command line");
    super::dispatch(&cli.command, ctx, &mut |_| Ok(()))
}

fn context_for(emulator: &Emulator, made: Arc<std::sync::Mutex<Vec<String>>>) -> Context {
    context_with_secret(emulator, made, DEV_API_SECRET)
}

fn context_with_secret(
    emulator: &Emulator,
    made: Arc<std::sync::Mutex<Vec<String>>>,
    secret: &str,
) -> Context {
    let base_url = parse_base_url(&emulator.base_url()).unwrap();
    let dir = std::env::temp_dir().join(format!("pwl-inproc-{}", std::process::id()));
    Context::injected(
        dir,
        Format::Json,
        Some(secret),
        Some(DEV_MANAGEMENT_KEY),
        Arc::new(move |auth| {
            made.lock()
                .unwrap()
                .push(format!("{:?}", auth.header().map(|h| h.0)));
            Client::new(ClientSettings::new(
                base_url.clone(),
                auth,
                Duration::from_secs(5),
                None,
            ))
        }),
    )
}

#[test]
fn a_command_runs_in_process_with_the_client_it_is_given() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let made = Arc::new(std::sync::Mutex::new(Vec::new()));
    let ctx = context_for(&emulator, Arc::clone(&made));

    run(
        &ctx,
        &[
            "aliases",
            "set",
            "--user-id",
            "u1",
            "--alias",
            "ada@example.com",
        ],
    )
    .unwrap();
    let Output::List { json, ids, .. } =
        run(&ctx, &["aliases", "list", "--user-id", "u1"]).unwrap()
    else {
        panic!("aliases list is a list");
    };
    // Aliases are stored hashed: one, of the user set.
    assert_eq!(ids.len(), 1, "{json}");
    assert_eq!(json[0]["userId"], "u1");
    // Every client came from the factory, with the API secret the command chose.
    assert_eq!(made.lock().unwrap().as_slice(), [r#"Some("ApiSecret")"#; 2]);
    emulator.shutdown();
}

#[test]
fn a_refused_secret_gets_the_hint_the_run_noted_for_it() {
    let emulator = Emulator::start(EmulatorConfig::default()).unwrap();
    let wrong = "devapp:secret:00000000000000000000000000000000";
    let ctx = context_with_secret(&emulator, Arc::default(), wrong);
    let err = run(&ctx, &["users", "count"]).unwrap_err();
    let api = err
        .chain()
        .find_map(|c| c.downcast_ref::<crate::api::error::ApiError>())
        .expect("an API error");
    assert_eq!(api.status(), Some(401));
    // The context noted where the secret came from; the hint names it.
    let hint = ctx.notes().hint_for(api);
    assert!(
        hint.starts_with("the API secret in PASSWORDLESS_API_SECRET was not accepted"),
        "{hint}"
    );
    emulator.shutdown();
}
