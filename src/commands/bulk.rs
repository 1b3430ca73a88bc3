//! `--from-file`: runs a command once per record of a file. Adapts a command's own argument
//! parser and request builder to the bulk engine ([`crate::bulk`]), so a record is checked
//! exactly as the same flags on the command line would be, then reports the run on stderr.

use clap::{Args, FromArgMatches};
use serde::Serialize;

use crate::api::Retry;
use crate::api::endpoints::Route;
use crate::bulk::executor::Stop;
use crate::bulk::input::Source;
use crate::bulk::schema::{PlainFields, RecordParser, Schema, Synonym};
use crate::bulk::{DEFAULT_CONCURRENCY, Fields, Interrupt, Operation, Prepared, Settings, Summary};
use crate::cli::BulkArgs;
use crate::context::Context;
use crate::output::{Format, Output};

/// Builds one request body from a record's parsed arguments: the record's key and the JSON.
pub type Build<A> = Box<dyn Fn(&A) -> anyhow::Result<(String, Vec<u8>)> + Send>;

/// A command as the bulk engine sees it.
pub struct RecordCommand<A> {
    name: &'static str,
    route: Route,
    parser: RecordParser<A>,
    /// The flag whose value names a record in the results (`user-id`, `credential-id`).
    key: &'static str,
    build: Build<A>,
    /// Reshapes a record before parsing (e.g. `aliases list` output for `aliases set`).
    reshape: Option<fn(&mut Fields)>,
    /// Joins consecutive records into one request: the group of a record, and how to add a
    /// later record of the same group to the first.
    grouping: Option<Grouping>,
}

/// See [`Operation::group`] and [`Operation::join`].
pub struct Grouping {
    pub group: fn(&Fields) -> Option<String>,
    pub join: fn(&mut Fields, Fields),
}

impl<A: Args + FromArgMatches + PlainFields> RecordCommand<A> {
    pub fn new(
        name: &'static str,
        route: Route,
        synonyms: &'static [Synonym],
        key: &'static str,
        build: Build<A>,
    ) -> Self {
        RecordCommand {
            name,
            route,
            parser: RecordParser::new(record_schema::<A>(name, synonyms)),
            key,
            build,
            reshape: None,
            grouping: None,
        }
    }

    pub fn grouping(mut self, grouping: Grouping) -> Self {
        self.grouping = Some(grouping);
        self
    }

    pub fn reshape(mut self, reshape: fn(&mut Fields)) -> Self {
        self.reshape = Some(reshape);
        self
    }
}

impl<A: FromArgMatches + PlainFields> Operation for RecordCommand<A> {
    fn name(&self) -> &str {
        self.name
    }

    fn path(&self) -> &'static str {
        self.route.path
    }

    fn retry(&self) -> Retry {
        self.route.retry
    }

    fn repeatable(&self) -> bool {
        self.route.repeatable
    }

    fn prepare(&mut self, fields: &Fields) -> Result<Prepared, String> {
        let args: A = match self.reshape {
            Some(reshape) => {
                let mut fields = fields.clone();
                reshape(&mut fields);
                self.parser.parse(&fields)?
            }
            None => self.parser.parse(fields)?,
        };
        let (key, body) = (self.build)(&args).map_err(|e| format!("{e:#}"))?;
        Ok(Prepared { key, body })
    }

    fn key_of(&self, fields: &Fields) -> Option<String> {
        self.parser.schema().first_value(fields, self.key)
    }

    fn check_columns(&self, columns: &[String]) -> Result<(), String> {
        self.parser.schema().check_columns(columns)
    }

    fn group(&self, fields: &Fields) -> Option<String> {
        self.grouping.as_ref().and_then(|g| (g.group)(fields))
    }

    fn join(&self, into: &mut Fields, next: Fields) {
        if let Some(grouping) = &self.grouping {
            (grouping.join)(into, next);
        }
    }
}

/// The fields a record of command `name` may have: its flags without the bulk flags and the
/// confirmation.
pub fn record_schema<A: Args>(name: &'static str, synonyms: &'static [Synonym]) -> Schema {
    let mut exclude = BulkArgs::ids();
    exclude.push("yes".to_owned());
    let exclude: Vec<&str> = exclude.iter().map(String::as_str).collect();
    Schema::of::<A>(name, &exclude, synonyms)
}

/// The JSON body of a request, for a [`Build`].
pub fn body(request: &impl Serialize) -> anyhow::Result<Vec<u8>> {
    // Room for a typical body at once, rather than growing from empty a few times a record.
    let mut bytes = Vec::with_capacity(256);
    serde_json::to_writer(&mut bytes, request)?;
    Ok(bytes)
}

/// Runs `op` over `--from-file`, writes the results, and says how it went on stderr.
pub fn run(
    op: impl Operation + Send + 'static,
    bulk: &BulkArgs,
    ctx: &Context,
) -> anyhow::Result<Output> {
    let from = bulk
        .from_file
        .as_deref()
        .expect("run only with --from-file");
    let settings = Settings {
        from: Source::from_arg(from),
        results: bulk.results.clone(),
        resume: bulk.resume,
        resend_unknown: bulk.resend_unknown,
        concurrency: bulk.concurrency.map_or(DEFAULT_CONCURRENCY, usize::from),
        rate: bulk.rate,
        fail_fast: bulk.fail_fast,
        progress: ctx.format != Format::Quiet && crate::report::stderr_is_terminal(),
    };
    let client = ctx.client()?;
    let interrupt = Interrupt::from_ctrl_c()?;
    let summary = crate::bulk::run(op, &client, &settings, interrupt)?;
    report(&summary, ctx.format);
    Ok(Output::Status(summary.exit() as u8))
}

/// The summary line, or with `--json` the same as one JSON object; nothing with `--quiet`.
fn report(summary: &Summary, format: Format) {
    match format {
        Format::Quiet => {}
        Format::Json | Format::JsonLines => {
            let stop = summary.stop.as_ref().map(|stop| match stop {
                Stop::Interrupted => "interrupted".to_owned(),
                Stop::FailFast => "fail-fast".to_owned(),
                Stop::Fatal { message, .. } => message.clone(),
            });
            let json = serde_json::json!({
                "command": summary.command,
                "ok": summary.ok,
                "failed": summary.failed,
                "skipped": summary.skipped,
                "elapsedSeconds": summary.elapsed.as_secs_f64(),
                "stopped": stop,
                "exitCode": summary.exit() as u8,
            });
            crate::report::summary(&json.to_string());
        }
        Format::Table { .. } => crate::report::summary(&summary.describe()),
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use proptest::prelude::*;

    use super::*;
    use crate::bulk::Cell;
    use crate::cli::{
        AliasesSetArgs, CredentialsDeleteArgs, MagicLinkSendArgs, RegisterTokenArgs,
        SigninTokenArgs, UsersDeleteArgs,
    };
    use crate::commands::{aliases, credentials, magic_link, register_token, signin_token};

    /// Values that test clap's edges: empty, flag-like, separators, spaces, other scripts,
    /// and values some options check (booleans, enums, durations, times).
    fn value() -> impl Strategy<Value = Cell> {
        prop_oneof![
            4 => "[a-z0-9]{1,6}".prop_map(Cell::Text),
            1 => prop::sample::select(vec![
                "", "-x", "--", "--user-id=1", "a,b", " spaced ", "ünï", "true", "no",
                "none", "direct", "10m", "90", "2030-01-01T00:00:00Z", "a=b", "\t",
            ])
            .prop_map(|text| Cell::Text(text.to_owned())),
            1 => Just(Cell::Null),
        ]
    }

    /// Records of a few shapes (one to four field names, often the command's key first),
    /// each record one of them with values of its own: shapes repeat, so most records are
    /// filled in rather than parsed, and the test sees that path.
    fn records(names: Vec<String>, key: &'static str) -> impl Strategy<Value = Vec<Fields>> {
        let shape = (
            any::<bool>(),
            prop::collection::vec(prop::sample::select(names), 1..4),
        )
            .prop_map(move |(keyed, mut names)| {
                if keyed {
                    names.insert(0, key.to_owned());
                }
                names
            });
        let shapes = prop::collection::vec(shape, 1..4);
        let picks = prop::collection::vec(
            (
                any::<prop::sample::Index>(),
                prop::collection::vec(value(), 5),
            ),
            1..60,
        );
        (shapes, picks).prop_map(|(shapes, picks)| {
            picks
                .into_iter()
                .map(|(index, values)| {
                    let names = index.get(&shapes);
                    Fields(names.iter().cloned().zip(values).collect())
                })
                .collect()
        })
    }

    fn names(schema: &Schema, extra: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = schema.names().iter().map(|n| (*n).to_owned()).collect();
        names.extend(extra.iter().map(|n| (*n).to_owned()));
        names.push("lastUsedAt".to_owned());
        names
    }

    /// The remembered-shape parser gives what clap gives, record for record, errors included.
    fn same_as_clap<A: Args + FromArgMatches + PlainFields + Debug>(
        name: &'static str,
        synonyms: &'static [Synonym],
        records: &[Fields],
    ) -> Result<(), TestCaseError> {
        let mut parser = RecordParser::<A>::new(record_schema::<A>(name, synonyms));
        let mut clap_only = record_schema::<A>(name, synonyms);
        for fields in records {
            let fast = parser.parse(fields).map(|args| format!("{args:?}"));
            let slow = clap_only.parse::<A>(fields).map(|args| format!("{args:?}"));
            prop_assert_eq!(fast, slow, "record {:?}", fields);
        }
        Ok(())
    }

    fn strategy<A: Args>(
        name: &'static str,
        synonyms: &'static [Synonym],
        key: &'static str,
        extra: &[&str],
    ) -> impl Strategy<Value = Vec<Fields>> {
        records(names(&record_schema::<A>(name, synonyms), extra), key)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn register_token_records_parse_as_clap_parses_them(
            records in strategy::<RegisterTokenArgs>(
                "register-token", register_token::SYNONYMS, "user-id", &["userId", "aliases", "displayName", "aliasHashing"])
        ) {
            same_as_clap::<RegisterTokenArgs>("register-token", register_token::SYNONYMS, &records)?;
        }

        #[test]
        fn signin_token_records_parse_as_clap_parses_them(
            records in strategy::<SigninTokenArgs>(
                "signin-token", signin_token::SYNONYMS, "user-id", &["userId", "rpId", "timeToLive"])
        ) {
            same_as_clap::<SigninTokenArgs>("signin-token", signin_token::SYNONYMS, &records)?;
        }

        #[test]
        fn magic_link_records_parse_as_clap_parses_them(
            records in strategy::<MagicLinkSendArgs>(
                "magic-link send", magic_link::SYNONYMS, "user-id", &["emailAddress", "urlTemplate", "userId"])
        ) {
            same_as_clap::<MagicLinkSendArgs>("magic-link send", magic_link::SYNONYMS, &records)?;
        }

        #[test]
        fn other_records_parse_as_clap_parses_them(
            users in strategy::<UsersDeleteArgs>("users delete", &[], "user-id", &["userId"]),
            aliases in strategy::<AliasesSetArgs>(
                "aliases set", aliases::SYNONYMS, "user-id", &["aliases", "plaintext", "hashing"]),
            credentials in strategy::<CredentialsDeleteArgs>(
                "credentials delete", credentials::SYNONYMS, "credential-id", &["descriptor.id", "credentialId"]),
        ) {
            same_as_clap::<UsersDeleteArgs>("users delete", &[], &users)?;
            same_as_clap::<AliasesSetArgs>("aliases set", aliases::SYNONYMS, &aliases)?;
            same_as_clap::<CredentialsDeleteArgs>("credentials delete", credentials::SYNONYMS, &credentials)?;
        }
    }

    /// A file of one shape goes to clap once; the rest are filled in.
    #[test]
    fn one_shape_is_judged_once() {
        let mut parser = RecordParser::<RegisterTokenArgs>::new(
            record_schema::<RegisterTokenArgs>("register-token", register_token::SYNONYMS),
        );
        for i in 0..100 {
            let mut fields = Fields::default();
            fields.push_text("user-id", format!("user{i}"));
            fields.push_text("username", format!("user{i}@example.com"));
            fields.push_text("aliases", format!("a{i}"));
            fields.push_text("aliases", format!("b{i}"));
            let args = parser.parse(&fields).unwrap();
            assert_eq!(args.user_id.as_deref(), Some(format!("user{i}").as_str()));
            assert_eq!(args.username, Some(format!("user{i}@example.com")));
            assert_eq!(args.aliases, [format!("a{i}"), format!("b{i}")]);
        }
        assert_eq!(parser.filled(), 99);
        // An option that clap checks (an enum) keeps every record going through clap.
        let mut checked = RecordParser::<RegisterTokenArgs>::new(
            record_schema::<RegisterTokenArgs>("register-token", register_token::SYNONYMS),
        );
        for _ in 0..3 {
            let mut fields = Fields::default();
            fields.push_text("user-id", "u");
            fields.push_text("attestation", "none");
            checked.parse(&fields).unwrap();
        }
        assert_eq!(checked.filled(), 0);
    }
}
