//! Binds a JSON request body into an `api::types` request struct the way ASP.NET's "web"
//! serializer options would (contract §1.4): member names match case-insensitively (an exact
//! match wins), unknown members are ignored, `null` is the same as absent, JSON numbers and
//! booleans bind to string members, numeric strings bind to integer members, and a `null` item
//! of a string array binds as an empty string (which the `[Required]` item rule then reports).
//! Nested objects bind into nested structs by the same rules (the passkey routes' credential
//! JSON). A value that cannot bind is a framework 400 naming the member and the .NET type.
//!
//! It is a small serde `Deserializer` over `serde_json::Value`, so the emulator reads requests
//! into the same types the client writes them from.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::problem::Problem;

/// Binds `body` into `T`; `type_name` names the .NET parameter in messages.
pub fn bind<T: DeserializeOwned>(body: &Map<String, Value>, type_name: &str) -> Result<T, Problem> {
    T::deserialize(Object(body)).map_err(|e| match e {
        BindError::Problem(p) => p,
        BindError::Custom(msg) => Problem::binding(&format!(
            "Failed to read parameter \"{type_name} payload\" from the request body as JSON: {msg}."
        )),
    })
}

#[derive(Debug)]
enum BindError {
    /// Already the server's message.
    Problem(Problem),
    /// From serde itself (a number out of range, …); wrapped with the parameter name.
    Custom(String),
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BindError::Problem(p) => write!(f, "{:?}", p.body.get("title")),
            BindError::Custom(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for BindError {}

impl de::Error for BindError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        BindError::Custom(msg.to_string())
    }
}

pub(super) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Up to this many members, [`member`] scans instead of hashing.
const SCAN_MEMBERS: usize = 16;

/// Looks a member up: an exact match first, then case-insensitively.
pub fn member<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    // A body has a handful of members and a struct a dozen fields: one pass over the members
    // costs less than hashing each field name (the map's hasher is SipHash).
    if map.len() <= SCAN_MEMBERS {
        let mut folded = None;
        for (key, value) in map {
            if key == name {
                return Some(value);
            }
            if folded.is_none() && key.eq_ignore_ascii_case(name) {
                folded = Some(value);
            }
        }
        return folded;
    }
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// The whole body: only structs bind from it.
struct Object<'a>(&'a Map<String, Value>);

impl<'de> de::Deserializer<'de> for Object<'_> {
    type Error = BindError;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, BindError> {
        let present = fields
            .iter()
            .filter_map(|f| member(self.0, f).filter(|v| !v.is_null()).map(|v| (*f, v)))
            .collect::<Vec<_>>();
        visitor.visit_map(Members {
            items: present.into_iter(),
            value: None,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, BindError> {
        Err(BindError::Custom("only objects bind here".into()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

struct Members<'a, I: Iterator<Item = (&'static str, &'a Value)>> {
    items: I,
    value: Option<(&'static str, &'a Value)>,
}

impl<'de, 'a, I: Iterator<Item = (&'static str, &'a Value)>> MapAccess<'de> for Members<'a, I> {
    type Error = BindError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, BindError> {
        let Some((name, value)) = self.items.next() else {
            return Ok(None);
        };
        self.value = Some((name, value));
        seed.deserialize(name.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, BindError> {
        let (name, value) = self
            .value
            .take()
            .ok_or_else(|| BindError::Custom("a value without a member".into()))?;
        seed.deserialize(Member {
            name,
            value,
            place: Place::Member,
        })
    }
}

/// Where a value sits, which decides the .NET type named in an error.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Member,
    /// An item of an array member (`System.String[]`).
    Item,
    /// A member that should have been an array and is not: every read of it fails.
    NotArray,
}

struct Member<'a> {
    name: &'static str,
    value: &'a Value,
    place: Place,
}

impl Member<'_> {
    fn fail(&self, target: &str) -> BindError {
        let suffix = if self.place == Place::Member {
            ""
        } else {
            "[]"
        };
        BindError::Problem(Problem::binding(&format!(
            "The JSON value of '{}' could not be converted to {target}{suffix}: got {}.",
            self.name,
            kind(self.value)
        )))
    }

    fn string(&self) -> Result<String, BindError> {
        match (self.place, self.value) {
            (Place::NotArray, _) => Err(self.fail("System.String")),
            (_, Value::String(s)) => Ok(s.clone()),
            (_, Value::Number(n)) => Ok(n.to_string()),
            // The server's converter stringifies other tokens raw, as .NET prints booleans.
            (_, Value::Bool(true)) => Ok("True".into()),
            (_, Value::Bool(false)) => Ok("False".into()),
            (Place::Item, Value::Null) => Ok(String::new()),
            _ => Err(self.fail("System.String")),
        }
    }

    fn int(&self) -> Result<i64, BindError> {
        let parsed = match (self.place, self.value) {
            (Place::NotArray, _) => None,
            (_, Value::Number(n)) => n.as_i64(),
            (_, Value::String(s)) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        parsed.ok_or_else(|| self.fail("System.Int32"))
    }
}

macro_rules! ints {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
            visitor.visit_i64(self.int()?)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Member<'_> {
    type Error = BindError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        match self.value {
            Value::Bool(_) => self.deserialize_bool(visitor),
            Value::Number(_) => self.deserialize_i64(visitor),
            Value::Array(_) => self.deserialize_seq(visitor),
            _ => self.deserialize_string(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        match (self.place, self.value) {
            (Place::NotArray, _) => Err(self.fail("System.Boolean")),
            (_, Value::Bool(b)) => visitor.visit_bool(*b),
            _ => Err(self.fail("System.Boolean")),
        }
    }

    ints! { deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        visitor.visit_string(self.string()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        visitor.visit_string(self.string()?)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        // Absent and `null` members never get here; a null item is an empty string.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, BindError> {
        // A TimeSpan has no number form: only a JSON string binds.
        if name == "TimeSpan" {
            return match (self.place, self.value) {
                (Place::Member, Value::String(s)) => visitor.visit_newtype_struct(
                    de::value::StringDeserializer::<BindError>::new(s.clone()),
                ),
                _ => Err(self.fail("System.TimeSpan")),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, BindError> {
        match (self.place, self.value) {
            (Place::Member, Value::Object(map)) => {
                Object(map).deserialize_struct(name, fields, visitor)
            }
            _ => Err(self.fail(name)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, BindError> {
        let (items, place): (Vec<&Value>, Place) = match (self.place, self.value) {
            (Place::Member, Value::Array(items)) => (items.iter().collect(), Place::Item),
            // Not an array: bind it as a one-item list that fails on read, so the error names
            // the array type the visitor asked for.
            _ => (vec![self.value], Place::NotArray),
        };
        let name = self.name;
        visitor.visit_seq(de::value::SeqDeserializer::new(
            items
                .into_iter()
                .map(move |value| Member { name, value, place }),
        ))
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct map enum
        identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, BindError> for Member<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passwordless_model::types::{AuthConfigRequest, CreateKeyRequest, RegisterTokenRequest};
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn title(p: Problem) -> String {
        p.body["title"].as_str().unwrap().to_owned()
    }

    #[test]
    fn binds_leniently() {
        let r: RegisterTokenRequest = bind(
            &map(json!({"USERID": 42, "userName": "n", "discoverable": null,
                         "aliases": ["a", null], "extra": {"x": 1}})),
            "RegisterToken",
        )
        .unwrap();
        assert_eq!(r.user_id, "42");
        assert_eq!(r.username, "n");
        assert_eq!(r.discoverable, None);
        assert_eq!(r.aliases, Some(vec!["a".to_owned(), String::new()]));
        let k: CreateKeyRequest =
            bind(&map(json!({"scopes": ["1", 0]})), "CreateApiKeyRequest").unwrap();
        assert_eq!(k.scopes, [1, 0]);
    }

    #[test]
    fn an_exact_member_name_wins_in_small_and_large_bodies() {
        for filler in [0, SCAN_MEMBERS * 2] {
            let mut body = Map::new();
            body.insert("USERID".into(), json!("folded"));
            for i in 0..filler {
                body.insert(format!("extra{i}"), json!(i));
            }
            assert_eq!(member(&body, "userId"), Some(&json!("folded")));
            body.insert("userId".into(), json!("exact"));
            assert_eq!(member(&body, "userId"), Some(&json!("exact")));
            assert_eq!(member(&body, "username"), None);
        }
    }

    #[test]
    fn binds_nested_objects_by_the_same_rules() {
        use passwordless_model::types::RegisterCompleteRequest;
        let body = map(json!({"SESSION": "session_x", "response": {
            "id": "aWQ", "RAWID": "aWQ", "type": "public-key", "clientExtensionResults": {},
            "response": {"AttestationObject": "YQ", "clientDataJson": "Yg", "extra": 1}},
            "rpid": "localhost", "origin": "http://localhost"}));
        let r: RegisterCompleteRequest = bind(&body, "RegistrationCompleteDTO").unwrap();
        assert_eq!(r.session, "session_x");
        assert_eq!(r.response.raw_id, "aWQ");
        assert_eq!(r.response.response.attestation_object, "YQ");
        assert_eq!(r.response.response.client_data_json, "Yg");
        assert_eq!(r.response.client_extension_results.cred_props, None);
        assert_eq!((r.rp_id.as_str(), r.nickname), ("localhost", None));
        let wrong = map(json!({"response": "not an object"}));
        let err = bind::<RegisterCompleteRequest>(&wrong, "RegistrationCompleteDTO").unwrap_err();
        assert_eq!(
            title(err),
            "The JSON value of 'response' could not be converted to AttestationCredential: got a string."
        );
    }

    #[test]
    fn names_the_member_and_the_net_type() {
        let err =
            |v: Value| title(bind::<RegisterTokenRequest>(&map(v), "RegisterToken").unwrap_err());
        assert_eq!(
            err(json!({"discoverable": "yes"})),
            "The JSON value of 'discoverable' could not be converted to System.Boolean: got a string."
        );
        assert_eq!(
            err(json!({"aliases": "a"})),
            "The JSON value of 'aliases' could not be converted to System.String[]: got a string."
        );
        assert_eq!(
            err(json!({"aliases": [{}]})),
            "The JSON value of 'aliases' could not be converted to System.String[]: got an object."
        );
        let scopes = bind::<CreateKeyRequest>(&map(json!({"scopes": [null]})), "K").unwrap_err();
        assert_eq!(
            title(scopes),
            "The JSON value of 'scopes' could not be converted to System.Int32[]: got null."
        );
        let ttl = bind::<AuthConfigRequest>(&map(json!({"timeToLive": 60})), "C").unwrap_err();
        assert_eq!(
            title(ttl),
            "The JSON value of 'timeToLive' could not be converted to System.TimeSpan: got a number."
        );
        let ok: AuthConfigRequest = bind(&map(json!({"timeToLive": "00:01:00"})), "C").unwrap();
        assert_eq!(ok.time_to_live.unwrap().0, "00:01:00");
    }
}
