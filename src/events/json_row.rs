//! One JSON object as a [`Row`], shared by the JSON and NDJSON readers.
//!
//! The object is read straight into one slot per wanted field (keys are
//! matched as they stream past, unwanted values skipped unread), so no map
//! is built, and one object is reused for every row of a file. The NDJSON
//! fast path records where a string is in its line; serde, the fallback,
//! owns its strings. Anything that is valid JSON but not a flat object of
//! scalars becomes a row [`Problem`] rather than a parse failure, so a bad
//! row can be skipped.

use super::error::EventErrorKind;
use super::model::RowRef;
use super::row::{Problem, Row, Value, present, short_eq};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::sync::Arc;

/// The most fields a reader can be opened with.
pub(crate) const MAX_FIELDS: usize = 12;

/// A scalar as read from JSON.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    /// A string of the line being read, by byte range.
    InLine(usize, usize),
    /// A string read by serde.
    Owned(String),
    UInt(u64),
    Int(i64),
    Float(f64),
    Bool(bool),
    Unsupported(&'static str),
}

/// The wanted fields of one JSON object, by slot. Large, so filled in place
/// and reused from row to row: only `seen` says which values are current.
#[derive(Clone, Debug, Default)]
pub(crate) struct JsonObject {
    values: [Option<Scalar>; MAX_FIELDS],
    /// Which slots had a key in the current row, null or not.
    seen: u32,
    /// What makes the row unusable whatever its values.
    pub(crate) flaw: Option<Box<Problem>>,
}

impl JsonObject {
    /// Forgets the previous row.
    pub(crate) fn clear(&mut self) {
        self.seen = 0;
        self.flaw = None;
    }

    /// Stores the value of the key for `slot`; a key given twice is a flaw.
    #[inline]
    pub(crate) fn set(&mut self, slot: usize, value: Option<Scalar>) {
        let bit = 1u32 << slot;
        if self.seen & bit != 0 && self.flaw.is_none() {
            let problem = Problem::field(slot, EventErrorKind::RepeatedKey);
            self.flaw = Some(Box::new(problem));
        }
        self.seen |= bit;
        self.values[slot] = value;
    }

    /// The current value in `slot`, if the row gave one.
    fn value(&self, slot: usize) -> Option<&Scalar> {
        if slot >= MAX_FIELDS || self.seen & (1 << slot) == 0 {
            return None;
        }
        self.values[slot].as_ref()
    }

    fn not_an_object(&mut self, found: &'static str) {
        let problem = Problem::row(EventErrorKind::NotAnObject { found });
        self.flaw = Some(Box::new(problem));
    }
}

/// The slot each key position held in the previous object: rows of one
/// file list their keys in the same order, so one comparison usually
/// finds a key's slot.
#[derive(Clone, Debug)]
pub(crate) struct KeyOrder {
    slots: [u8; 32],
}

const NO_SLOT: u8 = u8::MAX;

impl Default for KeyOrder {
    fn default() -> KeyOrder {
        KeyOrder { slots: [NO_SLOT; 32] }
    }
}

impl KeyOrder {
    /// The slot and name the `position`-th key had last time, if wanted.
    pub(crate) fn expected<'n>(&self, names: &[&'n str], position: usize) -> Option<(usize, &'n str)> {
        let slot = usize::from(*self.slots.get(position)?);
        names.get(slot).map(|name| (slot, *name))
    }

    /// The slot of the `position`-th key of an object, or `None` for a key
    /// nobody asked for.
    pub(crate) fn slot(&mut self, names: &[&str], position: usize, key: &str) -> Option<usize> {
        let key = key.trim_ascii();
        let remembered = self.slots.get(position).copied().unwrap_or(NO_SLOT);
        if let Some(name) = names.get(usize::from(remembered)) {
            if short_eq(name.as_bytes(), key.as_bytes()) {
                return Some(usize::from(remembered));
            }
        }
        let slot = names.iter().take(MAX_FIELDS).position(|name| name.eq_ignore_ascii_case(key));
        if let Some(entry) = self.slots.get_mut(position) {
            *entry = slot.and_then(|s| u8::try_from(s).ok()).unwrap_or(NO_SLOT);
        }
        slot
    }
}

/// Where a JSON row is: a line (NDJSON) or an array index (JSON).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    Line(u64),
    Index(u64),
}

/// A [`JsonObject`] with the line its strings are in, and where it was read.
pub(crate) struct JsonRow<'a> {
    pub(crate) object: &'a JsonObject,
    pub(crate) line: &'a str,
    pub(crate) file: &'a Arc<str>,
    pub(crate) place: Place,
}

impl Row for JsonRow<'_> {
    fn get(&self, slot: usize) -> Option<Value<'_>> {
        Some(match self.object.value(slot)? {
            Scalar::InLine(start, end) => Value::Text(present(self.line.get(*start..*end)?)?),
            Scalar::Owned(s) => Value::Text(present(s)?),
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
    RowRef { file: file.clone(), line, pointer }
}

/// Reads one JSON value into a [`JsonObject`] with fields `names`.
pub(crate) struct ObjectSeed<'a> {
    pub(crate) names: &'a [&'a str],
    pub(crate) order: &'a mut KeyOrder,
    pub(crate) object: &'a mut JsonObject,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut position = 0;
        while let Some(slot) = map.next_key_seed(KeySeed { names: self.names, order: &mut *self.order, position })? {
            position += 1;
            match slot {
                Some(slot) => self.object.set(slot, map.next_value_seed(ScalarSeed)?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.object.not_an_object("an array");
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.object.not_an_object("a string");
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.object.not_an_object("a number");
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.object.not_an_object("a number");
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.object.not_an_object("a number");
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.object.not_an_object("true or false");
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.object.not_an_object("null");
        Ok(())
    }
}

/// A key as its slot, or `None` for a key nobody asked for.
struct KeySeed<'a> {
    names: &'a [&'a str],
    order: &'a mut KeyOrder,
    position: usize,
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
        Ok(self.order.slot(self.names, self.position, key))
    }
}

/// A value as a [`Scalar`]; `None` for null.
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Option<Scalar>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Option<Scalar>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Owned(s.to_string())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Some(Scalar::Owned(s)))
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

#[cfg(test)]
impl JsonObject {
    /// Every slot's value, resolved against `line`: for comparing objects
    /// read different ways.
    pub(crate) fn resolved(&self, line: &str) -> Vec<Option<String>> {
        let row = JsonRow { object: self, line, file: &Arc::from(""), place: Place::Line(0) };
        let mut values: Vec<Option<String>> =
            (0..MAX_FIELDS).map(|slot| row.get(slot).map(|v| format!("{v:?}"))).collect();
        values.push(self.flaw.as_ref().map(|f| format!("{f:?}")));
        values
    }
}
