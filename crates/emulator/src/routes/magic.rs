//! `POST /magic-links/send` (contract §2.9): validates, mints a `magic_link` verify token and
//! puts the would-be e-mail in the emulator's outbox instead of sending it.

use axum::http::StatusCode;
use time::Duration;

use super::app_mut;
use super::signin::{Claims, mint_verify};
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty};
use crate::input::{self, blank};
use crate::problem::{Problem, Validation};
use crate::state::OutboxEntry;
use crate::{auth, dates};
use passwordless_model::limits::{
    DEFAULT_MAGIC_LINK_TTL_SECONDS, MAX_TTL_SECONDS, MIN_TTL_SECONDS, NEW_APP_TIMEOUT_HOURS,
};
use passwordless_model::types::SendMagicLinkRequest;

/// DataAnnotations `[EmailAddress]`: exactly one `@`, neither first nor last.
fn is_email(s: &str) -> bool {
    s.matches('@').count() == 1 && !s.starts_with('@') && !s.ends_with('@')
}

/// An absolute http(s) URL with a host.
fn is_http_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !s.contains(char::is_whitespace)
    })
}

pub fn send(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let SendMagicLinkRequest {
        email_address: email,
        url_template: template,
        user_id,
        time_to_live: ttl,
    } = input::bind(req, "SendMagicLinkRequest")?;

    let mut v = Validation::default();
    match &email {
        e if blank(e) => v.required("emailAddress", "EmailAddress"),
        e if !is_email(e) => v.add(
            "emailAddress",
            "The EmailAddress field is not a valid e-mail address.",
        ),
        _ => {}
    }
    match &template {
        t if blank(t) => v.required("urlTemplate", "UrlTemplate"),
        t => {
            if !t.to_ascii_lowercase().contains("$token") {
                v.add("urlTemplate", "You have provided a UrlTemplate without a $TOKEN template. Please include it like so: https://www.example.com?token=$TOKEN");
            }
            if !is_http_url(t) {
                v.add(
                    "urlTemplate",
                    "You have provided a UrlTemplate that cannot be converted to a URL.",
                );
            }
        }
    }
    if blank(&user_id) {
        v.required("userId", "UserId");
    }
    if ttl.is_some_and(|t| !(MIN_TTL_SECONDS..=MAX_TTL_SECONDS).contains(&t)) {
        v.range("timeToLive", "TimeToLive", MIN_TTL_SECONDS, MAX_TTL_SECONDS);
    }
    v.into_result()?;

    let app = app_mut(&mut state, &caller.app_id)?;
    if !app.features.magic_links_enabled {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            None,
            "You must enable Magic Links in settings in order to use this feature.",
        ));
    }
    let now = shared.now();
    // The server's new-account rule (MagicLinkService): an app younger than NewAccountTimeout
    // may mail only its admin address, so a fresh sign-up cannot be used to spam. Its own
    // admin-console apps are exempt. The development app counts as old enough (see
    // `state::initial`); apps made through `/admin/apps/{id}/create` are not.
    if now - app.created_at < Duration::hours(NEW_APP_TIMEOUT_HOURS)
        && !matches!(app.id.as_str(), "admin" | "adminconsole")
        && !app.admin_email.eq_ignore_ascii_case(email.trim())
    {
        return Err(Problem::api(
            StatusCode::FORBIDDEN,
            Some("magic_link_email_admin_address_only"),
            &format!(
                "Because your application has been created less than {NEW_APP_TIMEOUT_HOURS} hours ago, you can only request magic links to the admin email address."
            ),
        ));
    }
    let quota = app.features.magic_link_monthly_quota;
    if quota > 0 {
        // Young apps get a fraction of their quota, as the server's MagicLinkService does.
        let age = now - app.created_at;
        let factor = if age < Duration::days(1) {
            0.2
        } else if age < Duration::days(3) {
            0.5
        } else if age < Duration::days(30) {
            0.75
        } else {
            1.0
        };
        let allowed = (quota as f64 * factor).floor() as usize;
        let window = now - Duration::days(30);
        let sent = app.magic_links_sent.iter().filter(|t| **t > window).count();
        if sent >= allowed {
            return Err(Problem::api(
                StatusCode::TOO_MANY_REQUESTS,
                Some("magic_link_email_quota_exceeded"),
                "You have reached your monthly quota for magic link emails. Please try again later.",
            ));
        }
    }
    let claims = Claims {
        user_id: &user_id,
        ttl: Duration::seconds(ttl.unwrap_or(DEFAULT_MAGIC_LINK_TTL_SECONDS)),
        kind: "magic_link",
        purpose: None,
        rp_id: None,
        origin: None,
    };
    let token = mint_verify(shared, app, claims);
    let link = template.replace("$TOKEN", &token);
    app.magic_links_sent.push(now);
    By::of(app, &caller.key_id, shared.now()).magic_link_created(&user_id);
    let app_id = app.id.clone();
    state.outbox.push(OutboxEntry {
        app_id,
        to: email,
        user_id,
        link,
        token,
        sent_at: dates::token(now),
    });
    empty(StatusCode::NO_CONTENT)
}
