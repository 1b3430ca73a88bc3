//! Text generated from the clap tree: shell completions, man pages and the help topics. The files
//! in `completions/` and `man/` come from [`files`], and a test keeps them in step with the code.

use std::path::{Path, PathBuf};

use clap::{Command, CommandFactory};

use super::usage;
use crate::cli::{Cli, CompletionsArgs, HelpArgs, ManArgs, Shell};
use crate::env;
use crate::exit::TABLE as EXIT_TABLE;
use crate::output::Output;

pub fn completions(args: &CompletionsArgs) -> anyhow::Result<Output> {
    Ok(Output::Text(completion_script(args.shell)))
}

pub fn man(args: &ManArgs) -> anyhow::Result<Output> {
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| usage(format!("cannot create {}: {e}", args.dir.display())))?;
    let pages = man_pages(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    for (name, bytes) in &pages {
        std::fs::write(args.dir.join(name), bytes)?;
    }
    Ok(Output::Message {
        id: Some(args.dir.display().to_string()),
        json: serde_json::json!({
            "dir": args.dir.display().to_string(),
            "pages": pages.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>(),
        }),
        text: format!(
            "Wrote {} to {}.",
            crate::output::plural(pages.len(), "man page", "man pages"),
            args.dir.display()
        ),
    })
}

pub fn help(args: &HelpArgs) -> anyhow::Result<Output> {
    let words: Vec<&str> = args.topic.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["environment"] | ["env"] => Ok(Output::Text(environment_text())),
        ["exit-codes"] | ["exit-code"] => Ok(Output::Text(exit_codes_text())),
        path => {
            let mut command = Cli::command();
            command.build();
            let mut target = &mut command;
            for word in path {
                target = target.find_subcommand_mut(word).ok_or_else(|| {
                    usage(format!(
                        "no command or help topic `{}`; try `passwordless --help`, `passwordless help environment` or `passwordless help exit-codes`",
                        path.join(" ")
                    ))
                })?;
            }
            Ok(Output::Text(target.render_long_help().to_string()))
        }
    }
}

pub fn environment_text() -> String {
    let mut text = String::from("Environment variables read by passwordless:\n\n");
    for var in env::DOCUMENTED {
        text.push_str(&format!("  {}\n      {}\n", var.name, var.doc));
    }
    text
}

pub fn exit_codes_text() -> String {
    let mut text = String::from("Exit codes of passwordless:\n\n");
    for (code, meaning) in EXIT_TABLE {
        text.push_str(&format!("  {code:>3}  {meaning}\n"));
    }
    text
}

pub fn completion_script(shell: Shell) -> String {
    crate::completion::registration_script(shell)
}

/// The file name of each completion script in `completions/`.
pub fn completion_file(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "passwordless.bash",
        Shell::Zsh => "_passwordless",
        Shell::Fish => "passwordless.fish",
        Shell::Powershell => "_passwordless.ps1",
        Shell::Elvish => "passwordless.elv",
    }
}

/// Every man page as (file name, bytes): the top page with the extra sections, then one page
/// per subcommand at every depth.
pub fn man_pages(source_date_epoch: Option<&str>) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let date = match source_date_epoch {
        Some(epoch) => {
            let seconds: i64 = epoch
                .trim()
                .parse()
                .map_err(|_| usage("SOURCE_DATE_EPOCH must be a number of seconds"))?;
            let when = time::OffsetDateTime::from_unix_timestamp(seconds)
                .map_err(|_| usage("SOURCE_DATE_EPOCH is out of range"))?;
            Some(format!(
                "{:04}-{:02}-{:02}",
                when.year(),
                u8::from(when.month()),
                when.day()
            ))
        }
        None => None,
    };
    let mut command = Cli::command();
    command.build();
    let mut pages = Vec::new();
    pages.push((
        "passwordless.1".to_owned(),
        top_page(command.clone(), date.as_deref())?,
    ));
    collect_subpages(&command, "passwordless", date.as_deref(), &mut pages)?;
    Ok(pages)
}

fn man_for(command: Command, date: Option<&str>) -> clap_mangen::Man {
    // Every page names the package in its footer, subcommand pages included.
    let man = clap_mangen::Man::new(command)
        .source(concat!("passwordless ", env!("CARGO_PKG_VERSION")))
        .manual("passwordless manual");
    match date {
        Some(date) => man.date(date.to_owned()),
        None => man,
    }
}

fn top_page(command: Command, date: Option<&str>) -> anyhow::Result<Vec<u8>> {
    let man = man_for(command, date);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    out.extend_from_slice(roff_sections().as_bytes());
    man.render_version_section(&mut out)?;
    Ok(left_adjusted(out))
}

/// Long synopses cannot be justified at 80 columns and groff warns about every one; ragged-right
/// text (`.ad l`, as most man pages use) has no such problem.
/// clap_mangen puts `after_help` in a filled `EXTRA` section, which reflows and hyphenates the
/// example command lines; they are shown as written, under EXAMPLES, instead.
fn examples_verbatim(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&page).into_owned();
    let Some(start) = text.find(".SH EXTRA\n") else {
        return page;
    };
    let body_start = start + ".SH EXTRA\n".len();
    let body_end = text[body_start..]
        .find("\n.SH ")
        .map(|i| body_start + i + 1)
        .unwrap_or(text.len());
    let mut body = &text[body_start..body_end];
    let mut title = "EXTRA";
    for heading in ["Examples:\n", "Example:\n"] {
        if let Some(rest) = body.strip_prefix(heading) {
            body = rest;
            title = "EXAMPLES";
        }
    }
    let body = body.trim_end_matches('\n');
    format!(
        "{}.SH {title}\n.nf\n{body}\n.fi\n{}",
        &text[..start],
        &text[body_end..]
    )
    .into_bytes()
}

fn left_adjusted(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&page);
    match text
        .find(".TH ")
        .and_then(|start| text[start..].find('\n').map(|end| start + end + 1))
    {
        Some(after_title) => {
            format!("{}.ad l\n{}", &text[..after_title], &text[after_title..]).into_bytes()
        }
        None => page,
    }
}

/// ENVIRONMENT, FILES, EXIT STATUS and EXAMPLES, written as roff by hand: clap_mangen has no
/// builder for sections of our own.
fn roff_sections() -> String {
    let mut text = String::from(".SH ENVIRONMENT\n");
    for var in env::DOCUMENTED {
        text.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(var.name),
            escape(var.doc)
        ));
    }
    text.push_str(concat!(
        ".SH FILES\n",
        ".TP\n\\fB$XDG_CONFIG_HOME/passwordless/config.toml\\fR\n",
        "Profiles (base URL, keyring store); never holds a secret. Written atomically with mode 0600. ",
        "PASSWORDLESS_CONFIG_DIR moves it.\n",
        ".TP\n\\fBsecrets.insecure.toml\\fR\n",
        "Beside config.toml, only with the insecure\\-file store: API secrets in plain text, mode 0600.\n",
        ".SH EXIT STATUS\n",
    ));
    for (code, meaning) in EXIT_TABLE {
        text.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", escape(meaning)));
    }
    text.push_str(concat!(
        ".SH EXAMPLES\n",
        ".TP\nTry it against a local emulator:\n",
        "passwordless emulator exec \\-\\- passwordless register\\-token \\-\\-user\\-id 42 \\-\\-alias laptop\n",
        ".TP\nStore the secret from a password manager:\n",
        "pass show passwordless | passwordless config set\\-secret\n",
        ".TP\nVerify a token in a script:\n",
        "passwordless verify \\-\\-json \"$TOKEN\" > user.json\n",
    ));
    text
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('-', "\\-")
}

fn collect_subpages(
    parent: &Command,
    prefix: &str,
    date: Option<&str>,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> anyhow::Result<()> {
    for sub in parent.get_subcommands() {
        if sub.is_hide_set() {
            continue;
        }
        let name = format!("{prefix}-{}", sub.get_name());
        let mut out = Vec::new();
        man_for(sub.clone().name(name.clone()), date).render(&mut out)?;
        pages.push((format!("{name}.1"), examples_verbatim(left_adjusted(out))));
        collect_subpages(sub, &name, date, pages)?;
    }
    Ok(())
}

/// Every generated file as (path relative to the repository, bytes).
pub fn files() -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Powershell,
        Shell::Elvish,
    ] {
        files.push((
            Path::new("completions").join(completion_file(shell)),
            completion_script(shell).into_bytes(),
        ));
    }
    for (name, bytes) in man_pages(None)? {
        files.push((Path::new("man").join(name), bytes));
    }
    Ok(files)
}
