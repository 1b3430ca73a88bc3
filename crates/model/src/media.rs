//! Content types, the one place that decides what a `Content-Type` means: its essence, whether
//! it is JSON, whether it is problem details, and whether an answer's body is to be read as JSON.
//! Plain string rules with no client code, like `limits`, so the emulator may use them too.

/// A content type without its parameters, trimmed: `application/json; charset=utf-8` →
/// `application/json`. Case is kept; compare with `eq_ignore_ascii_case`.
pub fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The one is-this-JSON rule for a declared type: `application/json`, `application/problem+json`
/// and any other `application/*+json`, in any case, with any parameters.
pub fn is_json_type(content_type: &str) -> bool {
    let essence = essence(content_type);
    // Compared without case and without a lower-cased copy: every bulk answer comes here.
    let ends_with = |suffix: &str| {
        essence.len() >= suffix.len()
            && essence.as_bytes()[essence.len() - suffix.len()..]
                .eq_ignore_ascii_case(suffix.as_bytes())
    };
    let starts_with = |prefix: &str| {
        essence.len() >= prefix.len()
            && essence.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    essence.eq_ignore_ascii_case("application/json")
        || (starts_with("application/") && ends_with("+json"))
}

/// Whether a successful answer's body is read as JSON: its type is JSON by [`is_json_type`], or
/// it has none (a missing or empty `Content-Type`; the API sends some bodies without one).
pub fn answer_is_json(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|kind| kind.trim().is_empty() || is_json_type(kind))
}

/// `application/problem+json` (RFC 9457 problem details), by its essence.
pub fn is_problem_type(content_type: &str) -> bool {
    essence(content_type).eq_ignore_ascii_case("application/problem+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_types_by_their_essence_in_any_case() {
        for kind in [
            "application/json",
            "Application/JSON; charset=utf-8",
            " application/problem+json ",
            "APPLICATION/VND.API+JSON",
        ] {
            assert!(is_json_type(kind), "{kind}");
        }
        for kind in [
            "text/json",
            "application/jsonp",
            "text/html",
            "text/x+json",
            "+json",
            "",
            "application/",
        ] {
            assert!(!is_json_type(kind), "{kind}");
        }
    }

    #[test]
    fn an_answer_without_a_type_is_read_as_json() {
        assert!(answer_is_json(None));
        assert!(answer_is_json(Some("")));
        assert!(answer_is_json(Some("  ")));
        assert!(answer_is_json(Some("application/json; charset=utf-8")));
        assert!(answer_is_json(Some("application/problem+json")));
        assert!(!answer_is_json(Some("text/html")));
        assert!(!answer_is_json(Some("text/plain; charset=utf-8")));
    }

    #[test]
    fn essence_and_problem_type() {
        assert_eq!(essence(" Text/HTML ; charset=utf-8"), "Text/HTML");
        assert_eq!(essence("text/plain"), "text/plain");
        assert_eq!(essence(""), "");
        assert!(is_problem_type("Application/Problem+JSON; charset=utf-8"));
        assert!(!is_problem_type("application/json"));
        assert!(!is_problem_type("application/problem+jsonx"));
    }
}
