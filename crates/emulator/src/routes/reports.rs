//! `GET /reporting/{credentials|active-users}/periodic` (contract §2.14). Reports are computed
//! on the spot: one row for today, if today is in the requested range.

use crate::cx::Cx;
use crate::http::{Reply, Req, ok};
use crate::problem::Problem;
use crate::{auth, dates};
use passwordless_model::types::{ActiveUsersReportRow, CredentialsReportRow};

fn query_date(req: &Req, name: &str) -> Result<Option<time::Date>, Problem> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    req.query(name)
        .filter(|v| !v.is_empty())
        .map(|v| {
            time::Date::parse(v, &format).map_err(|_| {
                Problem::binding(&format!(
                    "Failed to bind parameter \"DateOnly? {name}\" from \"{v}\"."
                ))
            })
        })
        .transpose()
}

pub fn periodic(shared: &Cx<'_>, req: &Req, active_users: bool) -> Reply {
    let state = shared.lock();
    let caller = auth::api_secret(&state, req, None)?;
    let from = query_date(req, "from")?;
    let to = query_date(req, "to")?;
    let app = state
        .apps
        .get(&caller.app_id)
        .ok_or_else(Problem::internal)?;
    let now = shared.now();
    let today = now.date();
    let in_range = !(from.is_some_and(|f| f > today) || to.is_some_and(|t| t < today));
    let owners = app.users.count_with_credentials() as u64;
    if active_users {
        let active = |days: i64| {
            let since = now - time::Duration::days(days);
            app.users
                .iter()
                .filter(|(_, u)| u.credentials.iter().any(|c| c.last_used_at > since))
                .count() as u64
        };
        let rows: Vec<ActiveUsersReportRow> = in_range
            .then(|| ActiveUsersReportRow {
                created_at: dates::date_only(now),
                daily_active_users: active(1),
                weekly_active_users: active(7),
                total_users: owners,
            })
            .into_iter()
            .collect();
        ok(&rows)
    } else {
        let rows: Vec<CredentialsReportRow> = in_range
            .then(|| CredentialsReportRow {
                created_at: dates::date_only(now),
                users: owners,
                credentials: app.users.credential_count() as u64,
            })
            .into_iter()
            .collect();
        ok(&rows)
    }
}
