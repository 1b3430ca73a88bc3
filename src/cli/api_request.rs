//! `api`: an authenticated request to any path.

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The path below the base URL: `/users/count` or `users/count`; after the HTTP method when
    /// one is named as a word (`api POST /alias`: GET, POST, PUT or DELETE, any case)
    #[arg(value_name = "PATH")]
    pub first: String,
    /// The path, when the word before it is the method
    #[arg(hide = true, value_name = "PATH")]
    pub second: Option<String>,
    /// HTTP method [default: GET, or POST when fields are given]
    #[arg(long, short = 'X', value_enum, ignore_case = true)]
    pub method: Option<HttpMethod>,
    /// A string field `KEY=VALUE`: a member of the JSON body, or a query parameter for GET
    /// (repeatable; `KEY[]=VALUE` adds to an array)
    #[arg(long = "raw-field", short = 'f', value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,
    /// A typed field `KEY=VALUE`: numbers, true, false and null become JSON values, anything
    /// else a string (repeatable; `KEY[]=VALUE` adds to an array)
    #[arg(long = "field", short = 'F', value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// JSON body: inline, `@FILE`, or `-` for stdin
    #[arg(long, short, value_name = "JSON|@FILE|-", conflicts_with_all = ["raw_fields", "fields"])]
    pub data: Option<String>,
    /// Follow the pages of GET /events (pageNumber 1, 2, ...) until one comes back empty,
    /// printing each page's answer in turn
    #[arg(long)]
    pub paginate: bool,
    /// Print the request that would be sent (credential masked) and send nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the status line and response headers before the body (credentials masked), for
    /// errors too
    #[arg(long, short)]
    pub include: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HttpMethod {
    #[value(alias = "get")]
    GET,
    #[value(alias = "post")]
    POST,
    #[value(alias = "put")]
    PUT,
    #[value(alias = "delete")]
    DELETE,
}
