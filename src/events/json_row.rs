//! One JSON object as a [`Row`], shared by the JSON and NDJSON readers.
//!
//! The object is read straight into one slot per wanted field (keys are
//! matched as they stream past, unwanted values skipped unread), so no map
//! is built. Strings borrow from the input where it allows (NDJSON lines).
//! Anything that is valid JSON but not a flat object of scalars becomes a
//! row [`Problem`] rather than a parse failure, so a bad row can be skipped.

use super::error::EventErrorKind;
use super::model::RowRef;
use super::row::{Problem, Row, Value, present};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// The most fields a reader can be opened with.
pub(crate) const MAX_FIELDS: usize = 16;

/// A scalar as read from JSON.
#[derive(Clone, Debug, PartialEq)]
enum Scalar<'de> {
    Str(Cow<'de, str>),
    UInt(u64),
    Int(i64),
    Float(f64),
    Bool(bool),
    Unsupported(&'static str),
}

/// The wanted fields of one JSON object, by slot.
#[derive(Clone, Debug, Default)]
pub(crate) struct JsonObject<'de> {
    values: [Option<Scalar<'de>>; MAX_FIELDS],
    /// What makes the row unusable whatever its values.
    pub(crate) flaw: Option<Problem>,
}

/// Where a JSON row is: a line (NDJSON) or an array index (JSON).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    Line(u64),
    Index(u64),
}

/// A [`JsonObject`] with where it was read.
pub(crate) struct JsonRow<'a, 'de> {
    pub(crate) object: &'a JsonObject<'de>,
    pub(crate) file: &'a Arc<str>,
    pub(crate) place: Place,
}

impl Row for JsonRow<'_, '_> {
    fn get(&self, slot: usize) -> Option<Value<'_>> {
        Some(match self.object.values.get(slot)?.as_ref()? {
            Scalar::Str(s) => Value::Text(present(s)?),
            Scalar::UInt(n) => Value::UInt(*n),
            Scalar::Int(n) => Value::Int(*n),
            Scalar::Float(x) => Value::Float(*x),
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Unsupported(what) => Value::Unsupported(what),
        })
    }

    fn source(&self) -> RowRef {
        place_ref(self.file, self.place)
    }
}

pub(crate) fn place_ref(file: &Arc<str>, place: Place) -> RowRef {
    let (line, pointer) = match place {
        Place::Line(line) => (Some(line), None),
        Place::Index(i) => (None, Some(format!("/{i}"))),
    };
    RowRef {
        file: file.clone(),
        line,
        pointer,
    }
}

/// Reads one JSON value as a [`JsonObject`] with fields `names`.
#[derive(Clone, Copy)]
pub(crate) struct ObjectSeed<'n> {
    pub(crate) names: &'n [&'n str],
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = JsonObject<'de>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

fn not_an_object<'de>(found: &'static str) -> JsonObject<'de> {
    JsonObject {
        flaw: Some(Problem::row(EventErrorKind::NotAnObject { found })),
        ..JsonObject::default()
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = JsonObject<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = JsonObject::default();
        let mut seen = 0u32;
        while let Some(slot) = map.next_key_seed(KeySeed { names: self.names })? {
            let Some(slot) = slot else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let value = map.next_value_seed(ScalarSeed)?;
            if seen & (1 << slot) != 0 && object.flaw.is_none() {
                object.flaw = Some(Problem::field(slot, EventErrorKind::RepeatedKey));
            }
            seen |= 1 << slot;
            object.values[slot] = value;
        }
        Ok(object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_an_object("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(not_an_object("a string"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(not_an_object("a number"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(not_an_object("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(not_an_object("a number"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(not_an_object("true or false"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(not_an_object("null"))
    }
}

/// A key as its slot, or `None` for a key nobody asked for.
struct KeySeed<'n> {
    names: &'n [&'n str],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let key = key.trim_ascii();
        Ok(self
            .names
            .iter()
            .take(MAX_FIELDS)
            .position(|name| name.eq_ignore_ascii_case(key)))
    }
}

/// A value as a [`Scalar`]; `None` for null.
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Option<Scalar<'de>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Option<Scalar<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Str(Cow::Borrowed(s))))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Str(Cow::Owned(s.to_string()))))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Str(Cow::Owned(s))))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::UInt(n)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Int(n)))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Float(x)))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Bool(b)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(Scalar::Unsupported("an array")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Some(Scalar::Unsupported("an object")))
    }
}
