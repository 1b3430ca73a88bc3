//! `api`: an authenticated request to any path.

use clap::{Args, ValueEnum};

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// HTTP method (any case)
    #[arg(value_enum, ignore_case = true)]
    pub method: HttpMethod,
    /// Path below the base URL, e.g. /users/list
    pub path: String,
    /// JSON body: inline, `@FILE`, or `-` for stdin
    #[arg(long, short, value_name = "JSON|@FILE|-")]
    pub data: Option<String>,
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
