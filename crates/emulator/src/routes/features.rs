//! `POST /apps/features` (contract §2.10): the switches an app's own secret may change.

use axum::http::StatusCode;

use super::app_mut;
use crate::auth;
use crate::cx::Cx;
use crate::events::By;
use crate::http::{Reply, Req, empty};
use crate::input;
use crate::problem::Validation;
use passwordless_model::limits::{MAX_RETENTION_DAYS, MIN_RETENTION_DAYS};
use passwordless_model::types::SetFeaturesRequest;

pub fn set(shared: &Cx<'_>, req: &Req) -> Reply {
    let mut state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let request: SetFeaturesRequest = input::bind(req, "SetFeaturesRequest")?;
    let performed_by = request.performed_by.unwrap_or_else(|| "Api".into());
    let retention = request.event_logging_retention_period;
    let mut v = Validation::default();
    if retention.is_some_and(|r| !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&r)) {
        v.range(
            "eventLoggingRetentionPeriod",
            "EventLoggingRetentionPeriod",
            MIN_RETENTION_DAYS,
            MAX_RETENTION_DAYS,
        );
    }
    v.into_result()?;
    let app = app_mut(&mut state, &caller.app_id)?;
    if let Some(r) = retention {
        app.features.event_logging_retention_period = r;
    }
    if let Some(on) = request.enable_manually_generated_authentication_tokens {
        app.features.generate_signin_enabled = on;
        By::of(app, &caller.key_id, shared.now())
            .generate_sign_in_token_endpoint(on, &performed_by);
    }
    if let Some(on) = request.enable_magic_links {
        app.features.magic_links_enabled = on;
        By::of(app, &caller.key_id, shared.now()).magic_links(on, &performed_by);
    }
    empty(StatusCode::NO_CONTENT)
}
