//! `--from-file`: runs a command once per record of a file. Adapts a command's own argument
//! parser and request builder to the bulk engine ([`crate::bulk`]), so a record is checked
//! exactly as the same flags on the command line would be, then reports the run on stderr.

use clap::{Args, FromArgMatches};
use serde::Serialize;

use crate::api::Retry;
use crate::api::endpoints::Route;
use crate::bulk::executor::Stop;
use crate::bulk::input::Source;
use crate::bulk::schema::{Schema, Synonym};
use crate::bulk::{DEFAULT_CONCURRENCY, Fields, Interrupt, Operation, Prepared, Settings, Summary};
use crate::cli::BulkArgs;
use crate::context::Context;
use crate::exit::Exit;
use crate::output::{Format, Output};

/// Builds one request body from a record's parsed arguments: the record's key and the JSON.
pub type Build<A> = Box<dyn Fn(&A) -> anyhow::Result<(String, Vec<u8>)> + Send>;

/// A command as the bulk engine sees it.
pub struct RecordCommand<A> {
    name: &'static str,
    route: Route,
    schema: Schema,
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

impl<A: Args + FromArgMatches> RecordCommand<A> {
    pub fn new(
        name: &'static str,
        route: Route,
        synonyms: &'static [Synonym],
        key: &'static str,
        build: Build<A>,
    ) -> Self {
        let mut exclude = BulkArgs::ids();
        exclude.push("yes".to_owned());
        let exclude: Vec<&str> = exclude.iter().map(String::as_str).collect();
        RecordCommand {
            name,
            route,
            schema: Schema::of::<A>(name, &exclude, synonyms),
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

impl<A: FromArgMatches> Operation for RecordCommand<A> {
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
                self.schema.parse(&fields)?
            }
            None => self.schema.parse(fields)?,
        };
        let (key, body) = (self.build)(&args).map_err(|e| format!("{e:#}"))?;
        Ok(Prepared { key, body })
    }

    fn key_of(&self, fields: &Fields) -> Option<String> {
        self.schema.first_value(fields, self.key)
    }

    fn set_noun(&mut self, noun: &'static str) {
        self.schema.set_noun(noun);
    }

    fn check_columns(&self, columns: &[String]) -> Result<(), String> {
        self.schema.check_columns(columns)
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
        rate: bulk.rate.map(|rate| rate.0),
        fail_fast: bulk.fail_fast,
        progress: ctx.format != Format::Quiet && crate::report::stderr_is_terminal(),
        // A rejected credential refuses every record alike.
        stops_run: |error| crate::exit::classify_api(error) == Exit::Auth,
    };
    let client = ctx.client()?;
    let interrupt = Interrupt::from_ctrl_c(
        || {
            crate::report::warning(
                "interrupted: finishing the requests in flight (Ctrl-C again quits at once)",
            )
        },
        || std::process::exit(Exit::Interrupted as i32),
    )?;
    let summary = crate::bulk::run(op, &client, &settings, interrupt)?;
    report(&summary, ctx.format);
    Ok(Output::Status(crate::exit::of_bulk(&summary) as u8))
}

/// The summary line, or with `--json` the same as one JSON object; nothing with `--quiet`.
fn report(summary: &Summary, format: Format) {
    match format {
        Format::Quiet => {}
        Format::Json | Format::JsonLines => {
            let stop = summary.stop.as_ref().map(|stop| match stop {
                Stop::Interrupted => "interrupted".to_owned(),
                Stop::FailFast => "fail-fast".to_owned(),
                Stop::ReaderGone => "reader-gone".to_owned(),
                Stop::Fatal { message, .. } => message.clone(),
            });
            let json = serde_json::json!({
                "command": summary.command,
                "ok": summary.ok,
                "failed": summary.failed,
                "skipped": summary.skipped,
                "elapsedSeconds": summary.elapsed.as_secs_f64(),
                "stopped": stop,
                "exitCode": crate::exit::of_bulk(summary) as u8,
            });
            crate::report::summary(&crate::terminal::json_string(&json));
        }
        Format::Table { .. } => crate::report::summary(&summary.describe()),
    }
}
