//! Turns a record's named values into a command's typed arguments by running them through the
//! command's own clap definition, so a column `attestation` accepts exactly what
//! `--attestation` accepts and fails for the same reasons, told in the words of a file (`column
//! attestation`). Field names may be the flag names
//! (`user-id`), the API's member names (`userId`), or a command's listed synonyms
//! (`aliases` for the repeatable `--alias`).

use std::ffi::OsString;

use clap::{ArgAction, Args, Command, FromArgMatches};

use super::record::{Cell, Fields};

/// A field name that means a differently named flag, e.g. the API's `aliasHashing` for
/// `--no-alias-hashing` (with the boolean inverted).
#[derive(Debug, Clone, Copy)]
pub struct Synonym {
    /// Normalised (kebab-case) name as it appears in input.
    pub from: &'static str,
    /// The flag's name.
    pub to: &'static str,
    /// For on/off flags: the input says the opposite (`aliasHashing: false` = `--no-alias-hashing`).
    pub invert: bool,
}

impl Synonym {
    /// An input name that means the flag `to`.
    pub const fn names(from: &'static str, to: &'static str) -> Synonym {
        Synonym {
            from,
            to,
            invert: false,
        }
    }

    /// An input name whose true means the on/off flag `to` is off.
    pub const fn opposite(from: &'static str, to: &'static str) -> Synonym {
        Synonym {
            from,
            to,
            invert: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `--name=value`, possibly repeated.
    Value,
    /// An on/off switch without a value.
    Switch,
    /// A positional argument.
    Positional,
}

#[derive(Debug, Clone)]
struct Param {
    /// The name a field uses: the long flag, or the positional's id in kebab-case.
    name: String,
    kind: Kind,
}

/// The fields one command accepts, and its clap definition to parse them with.
pub struct Schema {
    command: Command,
    params: Vec<Param>,
    synonyms: &'static [Synonym],
    /// What the input calls a named value, for messages: `column` (CSV) or `member` (JSON).
    noun: &'static str,
}

/// `userId`, `user_id` and `USER-ID` are all `user-id`.
pub fn normalise(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.trim().chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            previous_lower = false;
        } else if c == '_' {
            out.push('-');
            previous_lower = false;
        } else {
            out.push(c);
            previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

impl Schema {
    /// The schema of `A`'s arguments, leaving out the ids in `exclude` (the bulk flags
    /// themselves, confirmations) and hidden ones.
    pub fn of<A: Args>(name: &'static str, exclude: &[&str], synonyms: &'static [Synonym]) -> Self {
        let command = A::augment_args(
            Command::new(name)
                .no_binary_name(true)
                .disable_help_flag(true)
                .disable_version_flag(true),
        );
        let params = command
            .get_arguments()
            .filter(|arg| !arg.is_hide_set() && !exclude.contains(&arg.get_id().as_str()))
            .map(|arg| {
                let kind = if arg.is_positional() {
                    Kind::Positional
                } else if matches!(arg.get_action(), ArgAction::SetTrue) {
                    Kind::Switch
                } else {
                    Kind::Value
                };
                let name = match arg.get_long() {
                    Some(long) => long.to_owned(),
                    None => arg.get_id().as_str().replace('_', "-"),
                };
                Param { name, kind }
            })
            .collect();
        Schema {
            command,
            params,
            synonyms,
            noun: "column",
        }
    }

    /// What the input calls a named value: `column` for CSV, `member` for JSON.
    pub fn set_noun(&mut self, noun: &'static str) {
        self.noun = noun;
    }

    /// The flag names a record may use, for messages.
    pub fn names(&self) -> Vec<&str> {
        self.params.iter().map(|p| p.name.as_str()).collect()
    }

    fn resolve(&self, name: &str) -> Option<(&Param, bool)> {
        let normal = normalise(name);
        let (target, invert) = match self.synonyms.iter().find(|s| s.from == normal) {
            Some(synonym) => (synonym.to, synonym.invert),
            None => (normal.as_str(), false),
        };
        self.params
            .iter()
            .find(|p| p.name == target)
            .map(|p| (p, invert))
    }

    /// The first text value of the field that stands for the flag `flag` (under any of its
    /// names), e.g. the user id of a record that failed to parse, for the results.
    pub fn first_value(&self, fields: &Fields, flag: &str) -> Option<String> {
        fields
            .0
            .iter()
            .find_map(|(name, cell)| match (self.resolve(name), cell) {
                (Some((param, _)), Cell::Text(text)) if param.name == flag => Some(text.clone()),
                _ => None,
            })
    }

    /// Refuses CSV columns that mean nothing to this command: in a hand-written header a typo
    /// would otherwise silently drop a value from every row.
    pub fn check_columns(&self, columns: &[String]) -> Result<(), String> {
        for column in columns {
            if self.resolve(column).is_none() {
                return Err(format!(
                    "column `{column}` is not an option of `{}`; the columns are its flag names: {}",
                    self.command.get_name(),
                    self.names().join(", ")
                ));
            }
        }
        Ok(())
    }

    /// The command line these fields stand for. Fields this command does not know are left out
    /// (JSON from `list --jsonl` carries read-only members such as `lastUsedAt`).
    fn argv(&self, fields: &Fields) -> Result<Vec<OsString>, String> {
        let mut argv = Vec::with_capacity(fields.0.len() + 2);
        let mut positionals = Vec::new();
        for (name, cell) in &fields.0 {
            let Some((param, invert)) = self.resolve(name) else {
                continue;
            };
            let value = match cell {
                Cell::Text(text) => text,
                Cell::Null => {
                    return Err(format!(
                        "`{name}` has a null item (for an alias: stored hashed, so its plaintext is unknown); give the value or leave the item out"
                    ));
                }
            };
            match param.kind {
                // `--name=value` keeps a value that starts with `-` from looking like a flag.
                Kind::Value => argv.push(OsString::from(format!("--{}={value}", param.name))),
                Kind::Switch => {
                    if parse_bool(value)
                        .ok_or_else(|| format!("`{name}` must be true or false, not `{value}`"))?
                        != invert
                    {
                        argv.push(OsString::from(format!("--{}", param.name)));
                    }
                }
                Kind::Positional => positionals.push(OsString::from(value)),
            }
        }
        if !positionals.is_empty() {
            argv.push(OsString::from("--"));
            argv.extend(positionals);
        }
        Ok(argv)
    }

    /// Parses the fields as `A`'s arguments; the error is one line for the results file.
    pub fn parse<A: FromArgMatches>(&mut self, fields: &Fields) -> Result<A, String> {
        let argv = self.argv(fields)?;
        let mut matches = self
            .command
            .try_get_matches_from_mut(argv)
            .map_err(|e| self.record_error(&e))?;
        // The `_mut` form takes the values out; the other one clones every match first.
        A::from_arg_matches_mut(&mut matches).map_err(|e| self.record_error(&e))
    }

    /// clap's error in the words of a file: `column user-id is empty`, not `the following
    /// required arguments were not provided: --user-id <ID>`.
    fn record_error(&self, error: &clap::Error) -> String {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        if error.kind() == ErrorKind::MissingRequiredArgument
            && let Some(ContextValue::Strings(args)) = error.get(ContextKind::InvalidArg)
        {
            let absent = if self.noun == "column" {
                "is empty"
            } else {
                "is missing"
            };
            return args
                .iter()
                .map(|arg| format!("{}{} {absent}", self.noun, in_words(arg, "")))
                .collect::<Vec<_>>()
                .join(", and ");
        }
        in_words(&one_line(error), self.noun)
    }
}

/// `text` with every flag as clap writes it (`'--user-id <ID>'`, `--username`) turned into
/// `NOUN user-id`: the file has columns or members, not flags.
fn in_words(text: &str, noun: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        let name_len = rest[at + 2..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len() - at - 2);
        if name_len == 0 {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        }
        let quoted = rest[..at].ends_with('\'');
        out.push_str(&rest[..if quoted { at - 1 } else { at }]);
        if !noun.is_empty() {
            out.push_str(noun);
        }
        out.push(' ');
        out.push_str(&rest[at + 2..at + 2 + name_len]);
        rest = &rest[at + 2 + name_len..];
        // The value placeholder (` <ID>`) and the closing quote go with the flag.
        if rest.starts_with(" <")
            && let Some(end) = rest.find('>')
        {
            rest = &rest[end + 1..];
        }
        if quoted && rest.starts_with('\'') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// clap's message without the `error:` prefix, usage block and help tip.
fn one_line(error: &clap::Error) -> String {
    let text = error.to_string();
    let mut parts = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("Usage:") || line.starts_with("For more information")
        {
            if !parts.is_empty() {
                break;
            }
            continue;
        }
        parts.push(line.strip_prefix("error: ").unwrap_or(line).to_owned());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Args, Debug, PartialEq)]
    struct Sample {
        #[arg(long)]
        user_id: String,
        #[arg(long)]
        username: Option<String>,
        #[arg(long = "alias")]
        aliases: Vec<String>,
        #[arg(long)]
        no_alias_hashing: bool,
        #[arg(long)]
        discoverable: Option<bool>,
        #[arg(long, value_parser = ["none", "direct"])]
        attestation: Option<String>,
        #[arg(long)]
        from_file: Option<String>,
    }

    #[derive(clap::Args, Debug, PartialEq)]
    struct Positional {
        #[arg(value_name = "USER_ID")]
        user_id: String,
    }

    const SYNONYMS: &[Synonym] = &[
        Synonym::names("aliases", "alias"),
        Synonym::opposite("alias-hashing", "no-alias-hashing"),
    ];

    fn schema() -> Schema {
        Schema::of::<Sample>("register-token", &["from_file"], SYNONYMS)
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        let mut f = Fields::default();
        for (n, v) in pairs {
            f.push_text(n, *v);
        }
        f
    }

    #[test]
    fn normalises_names() {
        assert_eq!(normalise("userId"), "user-id");
        assert_eq!(normalise("user_id"), "user-id");
        assert_eq!(normalise("displayName"), "display-name");
        assert_eq!(normalise("RPID"), "rpid");
        assert_eq!(normalise(" rpId "), "rp-id");
        assert_eq!(normalise("descriptor.id"), "descriptor.id");
    }

    #[test]
    fn flag_and_api_names_synonyms_and_inversion() {
        let mut schema = schema();
        let parsed: Sample = schema
            .parse(&fields(&[
                ("userId", "-u1"),
                ("username", "a=b"),
                ("aliases", "x"),
                ("alias", "y"),
                ("aliasHashing", "false"),
                ("discoverable", "false"),
                ("lastUsedAt", "ignored"),
            ]))
            .unwrap();
        assert_eq!(
            parsed,
            Sample {
                user_id: "-u1".into(),
                username: Some("a=b".into()),
                aliases: vec!["x".into(), "y".into()],
                no_alias_hashing: true,
                discoverable: Some(false),
                attestation: None,
                from_file: None,
            }
        );
        let parsed: Sample = schema
            .parse(&fields(&[("user-id", "u"), ("alias-hashing", "true")]))
            .unwrap();
        assert!(!parsed.no_alias_hashing);
    }

    #[test]
    fn errors_are_one_line_and_name_the_flag() {
        let mut schema = schema();
        let err = schema
            .parse::<Sample>(&fields(&[("username", "a")]))
            .unwrap_err();
        assert_eq!(err, "column user-id is empty");
        schema.set_noun("member");
        let err = schema
            .parse::<Sample>(&fields(&[("username", "a")]))
            .unwrap_err();
        assert_eq!(err, "member user-id is missing");
        schema.set_noun("column");
        let err = schema
            .parse::<Sample>(&fields(&[("user-id", "u"), ("attestation", "maybe")]))
            .unwrap_err();
        assert_eq!(
            err,
            "invalid value 'maybe' for column attestation [possible values: none, direct]"
        );
        let err = schema
            .parse::<Sample>(&fields(&[
                ("user-id", "u"),
                ("username", "a"),
                ("username", "b"),
            ]))
            .unwrap_err();
        assert!(
            err.contains("column username") && !err.contains("--"),
            "{err}"
        );
        let err = schema
            .parse::<Sample>(&fields(&[("user-id", "u"), ("no-alias-hashing", "maybe")]))
            .unwrap_err();
        assert!(err.contains("true or false"), "{err}");
        let mut null = fields(&[("user-id", "u")]);
        null.0.push(("aliases".into(), Cell::Null));
        assert!(schema.parse::<Sample>(&null).unwrap_err().contains("null"));
    }

    #[test]
    fn excluded_flags_are_not_fields() {
        let mut schema = schema();
        assert!(!schema.names().contains(&"from-file"));
        let parsed: Sample = schema
            .parse(&fields(&[("user-id", "u"), ("from-file", "/etc/passwd")]))
            .unwrap();
        assert_eq!(parsed.from_file, None);
        let err = schema
            .check_columns(&["user-id".into(), "usr-name".into()])
            .unwrap_err();
        assert!(
            err.contains("`usr-name`") && err.contains("username"),
            "{err}"
        );
        assert!(
            schema
                .check_columns(&["userId".into(), "aliases".into()])
                .is_ok()
        );
    }

    #[test]
    fn positionals_come_after_a_double_dash() {
        let mut schema = Schema::of::<Positional>("users delete", &[], &[]);
        let parsed: Positional = schema.parse(&fields(&[("userId", "--yes")])).unwrap();
        assert_eq!(parsed.user_id, "--yes");
    }
}
