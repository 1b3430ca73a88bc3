//! "This feature is off for this application" answers: recognising them, so they share one
//! exit code whatever status the server picked (403, or 400 for attestation on a register
//! token), and the hint for the operator-only ones, fitted to the app the secret belongs to.

use crate::api::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    Attestation,
    EventLogging,
    MagicLinks,
    GeneratedTokens,
}

/// The feature an API error says is off, if it says that.
pub fn feature(error: &ApiError) -> Option<Feature> {
    let ApiError::Problem {
        status,
        path,
        problem,
        ..
    } = error
    else {
        return None;
    };
    if problem.error_code.as_deref() == Some("attestation_not_supported_on_plan") {
        return Some(Feature::Attestation);
    }
    // Other 403s on these routes with an error code (the young app's admin-only magic links)
    // or a scope list (a key without the scope) are about something else.
    let scope = problem
        .detail
        .as_deref()
        .is_some_and(|d| d.contains("Required scopes"));
    if *status != 403 || problem.error_code.is_some() || scope {
        return None;
    }
    match path.split('?').next().unwrap_or_default() {
        "/events" => Some(Feature::EventLogging),
        "/magic-links/send" => Some(Feature::MagicLinks),
        "/signin/generate-token" => Some(Feature::GeneratedTokens),
        _ => None,
    }
}

/// Who reads the hint: whether a management key is configured (only then is the operator's
/// command worth printing), and whether the base URL is an emulator (loopback), the only place
/// where `--plan free` means anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reader {
    pub operator: bool,
    pub emulator: bool,
}

/// The hint for a feature only an operator can turn on (the management route), naming the app;
/// `None` where the API's own hint already runs as written (`app features set`, and
/// `--attestation none` on a register token).
pub fn hint(error: &ApiError, app_id: Option<&str>, reader: Reader) -> Option<String> {
    let (name, flag) = match feature(error)? {
        Feature::Attestation if !error_path_is(error, "/register/token") => (
            "attestation (authenticator allow and deny lists)",
            "--attestation on",
        ),
        Feature::EventLogging => ("event logging", "--event-logging on"),
        _ => return None,
    };
    let app = app_id.unwrap_or("APP_ID");
    let how = if reader.operator {
        // The command runs as written; the route also rewrites the quota, which the server
        // does not report, so the flag that keeps it is named beside it.
        format!(
            "turn it on with `passwordless admin apps set-features {app} {flag}` (add --magic-link-quota N with the app's monthly magic-link e-mails, or that quota goes back to 0)"
        )
    } else {
        "the server's operator can turn it on, or choose a plan that has it".to_owned()
    };
    let emulator = if reader.emulator {
        "; the emulator has it on unless started with `--plan free`"
    } else {
        ""
    };
    Some(format!(
        "{name} is off for this application's plan; {how}{emulator}"
    ))
}

fn error_path_is(error: &ApiError, wanted: &str) -> bool {
    matches!(error, ApiError::Problem { path, .. } if path.split('?').next() == Some(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::types::ProblemDetails;

    fn problem(status: u16, path: &str, code: Option<&str>, detail: Option<&str>) -> ApiError {
        ApiError::Problem {
            method: "GET".into(),
            path: path.into(),
            host: "example.com".into(),
            status,
            problem: Box::new(ProblemDetails {
                status: Some(status),
                error_code: code.map(str::to_owned),
                detail: detail.map(str::to_owned),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn recognises_each_feature_and_nothing_else() {
        let plan = Some("attestation_not_supported_on_plan");
        assert_eq!(
            feature(&problem(400, "/register/token", plan, None)),
            Some(Feature::Attestation)
        );
        assert_eq!(
            feature(&problem(403, "/authenticators/add", plan, None)),
            Some(Feature::Attestation)
        );
        assert_eq!(
            feature(&problem(403, "/events?pageNumber=1", None, Some("off"))),
            Some(Feature::EventLogging)
        );
        assert_eq!(
            feature(&problem(403, "/magic-links/send", None, None)),
            Some(Feature::MagicLinks)
        );
        assert_eq!(
            feature(&problem(403, "/signin/generate-token", None, None)),
            Some(Feature::GeneratedTokens)
        );
        let scope = Some("... Required scopes: events:read");
        assert_eq!(feature(&problem(403, "/events", None, scope)), None);
        let admin_only = Some("magic_link_email_admin_address_only");
        assert_eq!(
            feature(&problem(403, "/magic-links/send", admin_only, None)),
            None
        );
        assert_eq!(feature(&problem(403, "/users/list", None, None)), None);
    }

    #[test]
    fn operator_hints_name_the_app_and_run_as_written() {
        let events = problem(403, "/events", None, None);
        let operator = Reader {
            operator: true,
            emulator: false,
        };
        let hint = hint(&events, Some("shop"), operator).unwrap();
        assert!(
            hint.contains("`passwordless admin apps set-features shop --event-logging on`"),
            "{hint}"
        );
        assert!(!hint.contains("--plan free"), "{hint}");
        let register = problem(
            400,
            "/register/token",
            Some("attestation_not_supported_on_plan"),
            None,
        );
        assert_eq!(super::hint(&register, Some("shop"), operator), None);
    }

    #[test]
    fn the_operator_command_and_the_emulator_note_only_where_they_apply() {
        let events = problem(403, "/events", None, None);
        let user = super::hint(&events, Some("shop"), Reader::default()).unwrap();
        assert!(!user.contains("set-features"), "{user}");
        assert!(!user.contains("--plan free"), "{user}");
        assert!(user.contains("operator"), "{user}");
        let emulator = Reader {
            operator: false,
            emulator: true,
        };
        let local = super::hint(&events, Some("shop"), emulator).unwrap();
        assert!(local.contains("`--plan free`"), "{local}");
    }
}
