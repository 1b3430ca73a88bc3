//! One input record as the readers deliver it: where it came from (record number, line) and its
//! named values, before any command-specific meaning is given to them. JSON objects are
//! flattened here (arrays become repeated values, nested objects dotted names), so CSV and JSON
//! records look the same to the rest of the engine.

use serde_json::Value;

/// One value of a field. A JSON `null` (or an empty CSV cell) counts as "not given".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// A `null` inside a JSON array, e.g. the hashed aliases of `users list` (their plaintext is
    /// unknown). Kept so the command can say so instead of silently dropping it.
    Null,
}

/// The named values of a record, in input order; a name may repeat (repeatable flags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(pub Vec<(String, Cell)>);

impl Fields {
    pub fn push_text(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_owned(), Cell::Text(value.into())));
    }

    /// Flattens a JSON object. Scalars become text (`true`, `42`), arrays repeat the name, nested
    /// objects get dotted names (`descriptor.id`); `null` members are left out.
    pub fn from_json_object(object: &serde_json::Map<String, Value>) -> Result<Fields, String> {
        let mut fields = Fields::default();
        for (name, value) in object {
            flatten(name, value, &mut fields, true)?;
        }
        Ok(fields)
    }
}

fn flatten(name: &str, value: &Value, out: &mut Fields, top: bool) -> Result<(), String> {
    match value {
        Value::Null if top => {}
        Value::Null => out.0.push((name.to_owned(), Cell::Null)),
        Value::String(text) => out.push_text(name, text.clone()),
        Value::Bool(b) => out.push_text(name, b.to_string()),
        Value::Number(n) => out.push_text(name, n.to_string()),
        Value::Array(items) if top => {
            for item in items {
                if item.is_array() || item.is_object() {
                    return Err(format!(
                        "member `{name}` holds a nested list or object; give plain values"
                    ));
                }
                flatten(name, item, out, false)?;
            }
        }
        Value::Array(_) => unreachable!("nested arrays are refused above"),
        Value::Object(members) => {
            for (inner, value) in members {
                // Only one level of nesting carries data the commands read (`descriptor.id`);
                // deeper levels are flattened the same way and simply ignored when unknown.
                flatten(&format!("{name}.{inner}"), value, out, true)?;
            }
        }
    }
    Ok(())
}

/// One record of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based position among the records (the resume key).
    pub number: u64,
    /// 1-based line of the input where the record starts, for people.
    pub line: u64,
    /// The values, or why the record could not be read (it becomes an error result).
    pub fields: Result<Fields, String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flat(value: Value) -> Result<Fields, String> {
        Fields::from_json_object(value.as_object().unwrap())
    }

    #[test]
    fn flattens_scalars_arrays_and_nested_objects() {
        let fields = flat(json!({
            "userId": "u1", "discoverable": false, "timeToLive": 60,
            "aliases": ["a", null, "b"], "descriptor": {"id": "AQID", "type": "public-key"},
            "lastUsedAt": null
        }))
        .unwrap();
        let text = |s: &str| Cell::Text(s.to_owned());
        assert_eq!(
            fields.0,
            vec![
                ("userId".to_owned(), text("u1")),
                ("discoverable".to_owned(), text("false")),
                ("timeToLive".to_owned(), text("60")),
                ("aliases".to_owned(), text("a")),
                ("aliases".to_owned(), Cell::Null),
                ("aliases".to_owned(), text("b")),
                ("descriptor.id".to_owned(), text("AQID")),
                ("descriptor.type".to_owned(), text("public-key")),
            ]
        );
    }

    #[test]
    fn refuses_nested_lists() {
        let err = flat(json!({"aliases": [["a"]]})).unwrap_err();
        assert!(err.contains("`aliases`"), "{err}");
        assert!(flat(json!({"aliases": [{"a": 1}]})).is_err());
    }
}
