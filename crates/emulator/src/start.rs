//! The state a reset returns to (`POST /_emulator/reset`), kept for the emulator's life: the
//! start state without its users' indexes, and each app's users frozen (shared with the live
//! state until a request changes them). Re-reading the seed or the state file instead would
//! depend on files that may have changed since, and a whole second copy of a large state cost
//! as much memory as the state.

use super::state::State;
use super::users::{Frozen, Users};

pub struct StartState {
    /// Everything but the users (the apps' `users` are empty).
    bare: State,
    users: Vec<(String, Frozen)>,
}

impl StartState {
    pub fn of(state: &mut State) -> StartState {
        // The users are moved out while the rest is copied, and moved back.
        let taken: Vec<(String, Users)> = state
            .apps
            .iter_mut()
            .map(|(id, app)| (id.clone(), std::mem::take(&mut app.users)))
            .collect();
        let bare = state.clone();
        let mut users = Vec::with_capacity(taken.len());
        for (id, app_users) in taken {
            users.push((id.clone(), app_users.freeze()));
            if let Some(app) = state.apps.get_mut(&id) {
                app.users = app_users;
            }
        }
        StartState { bare, users }
    }

    /// A fresh copy of the start state.
    pub fn thaw(&self) -> State {
        let mut state = self.bare.clone();
        for (id, frozen) in &self.users {
            if let Some(app) = state.apps.get_mut(id) {
                app.users = Users::thaw(frozen);
            }
        }
        state
    }
}
