//! An app's users, indexed: each user's aliases and credentials under their user id, with maps
//! from alias hash and from credential id to the owner, and the number of users that own a
//! credential. Every per-user route and every uniqueness check is a map lookup, so their cost
//! does not grow with the number of users (the former `Vec`s were scanned per request, and per
//! seeded alias and credential, which made seeding quadratic).
//!
//! With `--state` it also records which users changed since the store last took the list
//! ([`take_dirty`](Users::take_dirty)): the store writes those users' rows and no others.
//!
//! On the wire of the state file and `emulator state` it is still the two flat arrays
//! `credentials` and `aliases` of the app, as before the index.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use passwordless_model::types::{Credential, CredentialDescriptor};
use time::OffsetDateTime;

use super::dates::{self, ts};
use super::lazy::LazySeq;

/// A user id, held once per user: the index's maps, the user's aliases and its credentials all
/// point at the same allocation (with 100k users it was stored six times over).
pub type UserId = Arc<str>;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredCredential {
    /// Shared with the key of the index's credential map.
    pub id: Arc<[u8]>,
    pub public_key: Box<[u8]>,
    pub user_id: UserId,
    pub signature_counter: u32,
    // The strings every passkey of a seed repeats are shared (`Arc<str>`, one allocation for
    // them all): with 100k seeded users they were a fifth of the memory.
    pub attestation_fmt: Arc<str>,
    #[serde(with = "ts")]
    pub created_at: OffsetDateTime,
    #[serde(with = "ts")]
    pub last_used_at: OffsetDateTime,
    pub aa_guid: Option<Arc<str>>,
    pub rpid: Arc<str>,
    pub origin: Arc<str>,
    pub country: Arc<str>,
    pub device: Arc<str>,
    pub nickname: Option<Box<str>>,
    pub transports: Option<Arc<[String]>>,
    pub backup_state: Option<bool>,
    pub is_backup_eligible: Option<bool>,
    pub is_discoverable: Option<bool>,
}

impl StoredCredential {
    pub fn to_wire(&self) -> Credential {
        Credential {
            descriptor: CredentialDescriptor {
                kind: "public-key".into(),
                id: URL_SAFE_NO_PAD.encode(&self.id),
                transports: self.transports(),
            },
            public_key: STANDARD.encode(&self.public_key),
            user_handle: STANDARD.encode(self.user_id.as_bytes()),
            signature_counter: self.signature_counter,
            attestation_fmt: Some(self.attestation_fmt.to_string()),
            created_at: Some(dates::db(self.created_at)),
            aa_guid: self.aa_guid.as_deref().map(str::to_owned),
            last_used_at: Some(dates::db(self.last_used_at)),
            rpid: Some(self.rpid.to_string()),
            origin: Some(self.origin.to_string()),
            country: Some(self.country.to_string()),
            device: Some(self.device.to_string()),
            nickname: self.nickname(),
            user_id: self.user_id.to_string(),
            backup_state: self.backup_state,
            is_backup_eligible: self.is_backup_eligible,
            is_discoverable: self.is_discoverable,
        }
    }

    pub fn nickname(&self) -> Option<String> {
        self.nickname.as_deref().map(str::to_owned)
    }

    pub fn transports(&self) -> Option<Vec<String>> {
        self.transports.as_deref().map(<[String]>::to_vec)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alias {
    pub user_id: UserId,
    /// Shared with the key of the index's alias map.
    pub hash: Arc<str>,
    pub plaintext: Option<String>,
}

/// One user: what the API's per-user routes return.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub aliases: Vec<Alias>,
    pub credentials: Vec<StoredCredential>,
    /// Key in [`Users::order`].
    #[serde(skip)]
    seq: (bool, u64),
}

/// The index. A clone is shallow: users are shared (`Arc<User>`) and copied only when one of
/// the two sides changes them, so the start state a reset returns to costs the maps and not a
/// second copy of every user, alias and credential (issue 22, item 10).
#[derive(Debug, Clone, Default)]
pub struct Users {
    by_id: HashMap<UserId, Arc<User>>,
    /// User ids in the order `/users/list` gives: those owning credentials first, in the order
    /// of their first credential, then those with aliases only (the server lists credential
    /// owners, then alias owners). The key is (has no credential, sequence number).
    order: BTreeMap<(bool, u64), UserId>,
    next_seq: u64,
    alias_owner: HashMap<Arc<str>, UserId>,
    credential_owner: HashMap<Arc<[u8]>, UserId>,
    /// Users owning at least one credential: `/users/count` without a walk.
    with_credentials: usize,
    credential_count: usize,
    /// Users changed since the last [`take_dirty`](Self::take_dirty); `None` until the store
    /// starts tracking (never, in memory, where a set of every user changed would only grow).
    dirty: Option<HashSet<UserId>>,
}

impl User {
    /// Its place in `/users/list` order, for the store to read users back in it.
    pub fn order(&self) -> i64 {
        i64::try_from(self.seq.1).unwrap_or(i64::MAX)
    }
}

impl Users {
    pub fn get(&self, user_id: &str) -> Option<&User> {
        self.by_id.get(user_id).map(|u| &**u)
    }

    pub fn aliases_of(&self, user_id: &str) -> &[Alias] {
        self.by_id.get(user_id).map_or(&[], |u| &u.aliases)
    }

    pub fn credentials_of(&self, user_id: &str) -> &[StoredCredential] {
        self.by_id.get(user_id).map_or(&[], |u| &u.credentials)
    }

    /// The user that owns an alias hash, if any.
    pub fn alias_owner(&self, hash: &str) -> Option<&str> {
        self.alias_owner.get(hash).map(|id| &**id)
    }

    pub fn credential(&self, id: &[u8]) -> Option<&StoredCredential> {
        let owner = self.credential_owner.get(id)?;
        self.by_id
            .get(owner)?
            .credentials
            .iter()
            .find(|c| *c.id == *id)
    }

    /// The credential for changing (its counter, its last use); the change is recorded.
    pub fn credential_mut(&mut self, id: &[u8]) -> Option<&mut StoredCredential> {
        let owner = self.credential_owner.get(id)?.clone();
        self.mark(&owner);
        self.user_mut(&owner)?
            .credentials
            .iter_mut()
            .find(|c| *c.id == *id)
    }

    pub fn has_credentials(&self, user_id: &str) -> bool {
        !self.credentials_of(user_id).is_empty()
    }

    /// Users owning at least one credential (the server's user count).
    pub fn count_with_credentials(&self) -> usize {
        self.with_credentials
    }

    pub fn credential_count(&self) -> usize {
        self.credential_count
    }

    /// Users with an alias or a credential.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn alias_count(&self) -> usize {
        self.alias_owner.len()
    }

    /// Users in `/users/list` order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &User)> {
        self.order
            .values()
            .filter_map(|id| self.by_id.get(id).map(|u| (&**id, &**u)))
    }

    pub fn credentials(&self) -> impl Iterator<Item = &StoredCredential> {
        self.iter().flat_map(|(_, u)| u.credentials.iter())
    }

    pub fn aliases(&self) -> impl Iterator<Item = &Alias> {
        self.iter().flat_map(|(_, u)| u.aliases.iter())
    }

    /// A user's record for changing: copied first if a clone of the index (the start state a
    /// reset returns to) still shares it.
    fn user_mut(&mut self, user_id: &str) -> Option<&mut User> {
        self.by_id.get_mut(user_id).map(Arc::make_mut)
    }

    /// The one shared id of `user_id`, its record made (last in order) when new; marks it
    /// changed.
    fn entry(&mut self, user_id: &str) -> UserId {
        let id = match self.by_id.get_key_value(user_id) {
            Some((id, _)) => id.clone(),
            None => {
                let id: UserId = user_id.into();
                let seq = (true, self.next_seq);
                self.next_seq += 1;
                self.order.insert(seq, id.clone());
                self.by_id.insert(
                    id.clone(),
                    Arc::new(User {
                        seq,
                        ..User::default()
                    }),
                );
                id
            }
        };
        self.mark(&id);
        id
    }

    /// Moves `user_id` in the order when it gained its first credential or lost its last.
    fn reorder(&mut self, user_id: &UserId) {
        let next = self.next_seq;
        let Some(user) = self.by_id.get(&**user_id) else {
            return;
        };
        let no_credentials = user.credentials.is_empty();
        if user.seq.0 != no_credentials {
            let user = self.user_mut(user_id).expect("present");
            let old = std::mem::replace(&mut user.seq, (no_credentials, next));
            let new = user.seq;
            self.next_seq += 1;
            self.order.remove(&old);
            self.order.insert(new, user_id.clone());
        }
    }

    /// Forgets a user left with nothing: users exist only through what they own.
    fn drop_if_empty(&mut self, user_id: &str) {
        if let Some(user) = self.by_id.get(user_id)
            && user.aliases.is_empty()
            && user.credentials.is_empty()
        {
            let seq = user.seq;
            self.by_id.remove(user_id);
            self.order.remove(&seq);
        }
    }

    /// Replaces the aliases of `user_id` (the caller checked that none belongs to another).
    pub fn set_aliases(&mut self, user_id: &str, mut aliases: Vec<Alias>) {
        let id = self.entry(user_id);
        for alias in &mut aliases {
            alias.user_id = id.clone();
        }
        aliases.shrink_to_fit();
        let user = self.user_mut(&id).expect("just made");
        let old = std::mem::replace(&mut user.aliases, aliases);
        let new: Vec<Arc<str>> = user.aliases.iter().map(|a| a.hash.clone()).collect();
        for alias in old {
            self.alias_owner.remove(&alias.hash);
        }
        for hash in new {
            self.alias_owner.insert(hash, id.clone());
        }
        self.drop_if_empty(&id);
    }

    /// Adds one alias to its user unless that user has it already.
    pub fn add_alias(&mut self, mut alias: Alias) {
        if self.alias_owner.contains_key(&alias.hash) {
            return;
        }
        let id = self.entry(&alias.user_id);
        alias.user_id = id.clone();
        self.alias_owner.insert(alias.hash.clone(), id.clone());
        push_exact(&mut self.user_mut(&id).expect("just made").aliases, alias);
    }

    /// Adds a credential (the caller checked its id is new).
    pub fn add_credential(&mut self, mut credential: StoredCredential) {
        let id = self.entry(&credential.user_id);
        credential.user_id = id.clone();
        self.credential_owner
            .insert(credential.id.clone(), id.clone());
        self.credential_count += 1;
        let user = self.user_mut(&id).expect("just made");
        if user.credentials.is_empty() {
            self.with_credentials += 1;
        }
        let user = self.user_mut(&id).expect("just made");
        push_exact(&mut user.credentials, credential);
        self.reorder(&id);
    }

    pub fn remove_credential(&mut self, id: &[u8]) -> Option<StoredCredential> {
        let owner = self.credential_owner.remove(id)?;
        self.mark(&owner);
        let user = self.user_mut(&owner)?;
        let pos = user.credentials.iter().position(|c| *c.id == *id)?;
        let removed = user.credentials.remove(pos);
        let now_empty = user.credentials.is_empty();
        self.credential_count -= 1;
        if now_empty {
            self.with_credentials -= 1;
        }
        self.reorder(&owner);
        self.drop_if_empty(&owner);
        Some(removed)
    }

    /// Removes the user with all their aliases and credentials.
    pub fn remove_user(&mut self, user_id: &str) {
        let Some((id, user)) = self.by_id.remove_entry(user_id) else {
            return;
        };
        self.mark(&id);
        self.order.remove(&user.seq);
        for alias in &user.aliases {
            self.alias_owner.remove(&alias.hash);
        }
        for credential in &user.credentials {
            self.credential_owner.remove(&credential.id);
        }
        self.credential_count -= user.credentials.len();
        if !user.credentials.is_empty() {
            self.with_credentials -= 1;
        }
    }

    fn mark(&mut self, user_id: &UserId) {
        if let Some(dirty) = &mut self.dirty
            && !dirty.contains(user_id)
        {
            dirty.insert(user_id.clone());
        }
    }

    /// The users changed since the last call (present or removed), for the `--state` store;
    /// `None` when changes were not tracked (the store then writes every user).
    pub fn take_dirty(&mut self) -> Option<HashSet<UserId>> {
        self.dirty.replace(HashSet::new())
    }

    /// Puts back a user read from the store, keeping the index whole; not marked changed.
    pub fn restore(&mut self, user_id: &str, user: User) {
        for alias in user.aliases {
            self.add_alias(alias);
        }
        for credential in user.credentials {
            if !self.credential_owner.contains_key(&credential.id) {
                self.add_credential(credential);
            }
        }
        if let Some(dirty) = &mut self.dirty {
            dirty.remove(user_id);
        }
    }
}

/// An app's users as a reset finds them: each user shared with the index it was taken from,
/// without the index's maps, which [`Users::thaw`] builds again. Kept for the emulator's life,
/// it costs a pointer pair per user where a clone of the index cost its four maps.
#[derive(Debug, Default)]
pub struct Frozen {
    users: Vec<(UserId, Arc<User>)>,
    next_seq: u64,
}

impl Users {
    pub fn freeze(&self) -> Frozen {
        let mut users = Vec::with_capacity(self.by_id.len());
        users.extend(self.by_id.iter().map(|(id, u)| (id.clone(), u.clone())));
        Frozen {
            users,
            next_seq: self.next_seq,
        }
    }

    /// The index of the frozen users, sharing each with `frozen` until it changes.
    pub fn thaw(frozen: &Frozen) -> Users {
        let mut users = Users {
            next_seq: frozen.next_seq,
            ..Users::default()
        };
        users.by_id.reserve(frozen.users.len());
        for (id, user) in &frozen.users {
            users.order.insert(user.seq, id.clone());
            for alias in &user.aliases {
                users.alias_owner.insert(alias.hash.clone(), id.clone());
            }
            for credential in &user.credentials {
                users
                    .credential_owner
                    .insert(credential.id.clone(), id.clone());
            }
            if !user.credentials.is_empty() {
                users.with_credentials += 1;
            }
            users.credential_count += user.credentials.len();
            users.by_id.insert(id.clone(), user.clone());
        }
        users
    }
}

/// The flat arrays of the state file.
#[derive(Deserialize)]
struct Flat {
    #[serde(default)]
    credentials: Vec<StoredCredential>,
    #[serde(default)]
    aliases: Vec<Alias>,
}

/// Pushes growing the vector by one only. Most users have one alias and one passkey, and a
/// `Vec`'s first growth makes room for four: a `StoredCredential` is some 350 bytes, so three
/// empty slots per user were most of the memory of a large seeded state (issue 22, item 10).
fn push_exact<T>(items: &mut Vec<T>, item: T) {
    if items.len() == items.capacity() {
        items.reserve_exact(1);
    }
    items.push(item);
}

impl Serialize for Users {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = s.serialize_struct("Users", 2)?;
        out.serialize_field("credentials", &LazySeq(|| self.credentials()))?;
        out.serialize_field("aliases", &LazySeq(|| self.aliases()))?;
        out.end()
    }
}

impl<'de> Deserialize<'de> for Users {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Users, D::Error> {
        let flat = Flat::deserialize(d)?;
        let mut users = Users::default();
        // Duplicates cannot come from the emulator; a hand-edited file keeps the first.
        for credential in flat.credentials {
            if !users.credential_owner.contains_key(&credential.id) {
                users.add_credential(credential);
            }
        }
        for alias in flat.aliases {
            users.add_alias(alias);
        }
        Ok(users)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credential(id: u8, user_id: &str) -> StoredCredential {
        StoredCredential {
            id: vec![id].into(),
            public_key: Box::default(),
            user_id: user_id.into(),
            signature_counter: 0,
            attestation_fmt: "none".into(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            last_used_at: OffsetDateTime::UNIX_EPOCH,
            aa_guid: None,
            rpid: "localhost".into(),
            origin: "http://localhost".into(),
            country: "".into(),
            device: "".into(),
            nickname: None,
            transports: None,
            backup_state: None,
            is_backup_eligible: None,
            is_discoverable: None,
        }
    }

    /// A user with one passkey and one alias holds room for one of each, not four: the spare
    /// slots were most of a 100k-user state's memory.
    #[test]
    fn a_users_lists_hold_no_spare_room() {
        let mut users = Users::default();
        users.add_credential(credential(1, "u1"));
        users.add_alias(Alias {
            user_id: "u1".into(),
            hash: "h1".into(),
            plaintext: None,
        });
        let user = users.get("u1").unwrap();
        assert_eq!(user.credentials.capacity(), 1);
        assert_eq!(user.aliases.capacity(), 1);
        users.add_credential(credential(2, "u1"));
        assert_eq!(users.get("u1").unwrap().credentials.capacity(), 2);
    }

    fn alias(user_id: &str, hash: &str) -> Alias {
        Alias {
            user_id: user_id.into(),
            hash: hash.into(),
            plaintext: None,
        }
    }

    /// A user's id is one allocation, whichever record or map holds it.
    #[test]
    fn a_user_id_is_held_once() {
        let mut users = Users::default();
        users.add_alias(alias("u1", "h1"));
        users.add_credential(credential(1, "u1"));
        users.set_aliases("u1", vec![alias("u1", "h2")]);
        let (key, user) = users.by_id.get_key_value("u1").unwrap();
        let held = [
            &user.aliases[0].user_id,
            &user.credentials[0].user_id,
            &users.order[&user.seq],
            &users.alias_owner["h2"],
            &users.credential_owner[&[1u8][..]],
        ];
        for id in held {
            assert!(Arc::ptr_eq(key, id), "a second copy of the user id");
        }
        assert!(Arc::ptr_eq(
            &users.alias_owner.get_key_value("h2").unwrap().0.clone(),
            &user.aliases[0].hash
        ));
    }

    /// The frozen users (what a reset returns to) share every user with the live index until
    /// one side changes it; a change on one side is not seen on the other, and the thawed index
    /// answers as the index it was frozen from.
    #[test]
    fn frozen_users_share_records_until_one_side_changes() {
        let mut users = Users::default();
        users.add_alias(alias("u0", "h0"));
        users.add_credential(credential(1, "u1"));
        users.add_credential(credential(2, "u2"));
        users.add_alias(alias("u2", "h2"));
        let frozen = users.freeze();
        let start = Users::thaw(&frozen);
        for id in ["u1", "u2"] {
            assert!(Arc::ptr_eq(&users.by_id[id], &start.by_id[id]));
        }
        let ids = |u: &Users| u.iter().map(|(id, _)| id.to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(&start), ["u1", "u2", "u0"]);
        assert_eq!(ids(&start), ids(&users));

        users.credential_mut(&[1]).unwrap().signature_counter = 9;
        users.remove_user("u2");
        users.add_alias(alias("u3", "h3"));

        assert!(!Arc::ptr_eq(&users.by_id["u1"], &start.by_id["u1"]));
        assert_eq!(users.credential(&[1]).unwrap().signature_counter, 9);
        let start = Users::thaw(&frozen);
        assert_eq!(start.credential(&[1]).unwrap().signature_counter, 0);
        assert_eq!(start.credential(&[2]).unwrap().user_id.as_ref(), "u2");
        assert_eq!(start.alias_owner("h2"), Some("u2"));
        assert_eq!(start.alias_owner("h3"), None);
        assert_eq!((users.len(), start.len()), (3, 3));
        assert_eq!(
            (start.count_with_credentials(), start.credential_count()),
            (2, 2)
        );
        assert_eq!(start.alias_count(), 2);
        // New users after a reset come after the frozen ones.
        let mut start = start;
        start.add_credential(credential(4, "u4"));
        assert_eq!(ids(&start), ["u1", "u2", "u4", "u0"]);
    }
}
