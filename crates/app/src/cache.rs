//! Results computed from the store, kept in the store (`store::Store::computed`) so that a CLI
//! call or a fresh web node does not compute them again (issue 17, "fast answers"): the ranking
//! of every municipality ([`crate::ranking::load`]) and the plan's indicators evaluated
//! ([`crate::indicators::evaluate_cached`]). Each caller keeps its own copy in memory in front
//! of this one for the web app's requests.
//!
//! A result is kept under its kind and a key naming everything it was computed from: the
//! caller's fingerprint of its inputs (the imported files, the plan, the staff's overrides…)
//! and this build ([`build_id`]: a hash of the sources and bundled data that decide the
//! computation, set by `build.rs`), so that no program reads a result another program stored.
//! It is written as JSON (serde_json with exact float round trips), so a value read back is the
//! value computed; a test compares the two. The JSON is stored gzipped (issue 19: the ranking's
//! 10 MB of JSON is under 2 MB so); a payload that is not gzip is read as plain JSON.
//!
//! Reading or writing the stored copy may fail (a locked SQLite file, a payload that does not
//! read): the result is then computed, and the failure logged, never shown as a wrong figure.

use std::hash::{Hash, Hasher};

use serde::Serialize;
use serde::de::DeserializeOwned;
use store::Store;

/// This build's identity: a hash of the sources and data that decide what is computed.
pub fn build_id() -> &'static str {
    env!("NAERINGSPLAN_BUILD_ID")
}

/// The key of a result: this build and the caller's fingerprint of the result's inputs.
pub(crate) fn key(inputs: impl Hash) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    inputs.hash(&mut h);
    format!("{}-{:016x}", build_id(), h.finish())
}

/// The result stored under `kind` and `key`, if there is one that reads.
pub(crate) async fn read<T: DeserializeOwned>(store: &Store, kind: &str, key: &str) -> Option<T> {
    let bytes = match store.computed(kind, key).await {
        Ok(b) => b?,
        Err(e) => {
            tracing::warn!("cannot read the stored {kind} result: {e}; computing it");
            return None;
        }
    };
    let json = match gunzip(&bytes) {
        Ok(j) => j,
        Err(e) => {
            tracing::warn!("the stored {kind} result does not unpack: {e}; computing it");
            return None;
        }
    };
    match serde_json::from_slice(&json) {
        Ok(v) => Some(v),
        Err(e) => {
            tracing::warn!("the stored {kind} result does not read: {e}; computing it");
            None
        }
    }
}

/// Stores `value` under `kind` and `key`, keeping the newest `keep` results of that kind
/// (failures are logged: the next call computes again).
pub(crate) async fn write<T: Serialize>(
    store: &Store,
    kind: &str,
    key: &str,
    value: &T,
    keep: u32,
) {
    let bytes = match serde_json::to_vec(value)
        .map_err(std::io::Error::other)
        .and_then(|json| gzip(&json))
    {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!("cannot write the {kind} result: {e}");
            return;
        }
    };
    if let Err(e) = store.put_computed(kind, key, &bytes, keep).await {
        tracing::warn!("cannot store the {kind} result: {e}");
    }
}

/// `json` gzipped.
fn gzip(json: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(json.len() / 4),
        flate2::Compression::default(),
    );
    enc.write_all(json)?;
    enc.finish()
}

/// A stored payload's JSON: gunzipped when it is gzip (it starts with gzip's magic bytes), as
/// it is otherwise (JSON never starts with them).
fn gunzip(bytes: &[u8]) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
    use std::io::Read as _;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(std::borrow::Cow::Borrowed(bytes));
    }
    let mut json = Vec::with_capacity(bytes.len() * 5);
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut json)?;
    Ok(std::borrow::Cow::Owned(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_gzipped_and_plain_json_still_reads() {
        let json = br#"{"a":[1.5,2.25,null],"b":"\u00e6\u00f8\u00e5"}"#.repeat(50);
        let packed = gzip(&json).unwrap();
        assert!(packed.len() < json.len() / 5, "{} bytes", packed.len());
        assert_eq!(gunzip(&packed).unwrap().as_ref(), json.as_slice());
        // A payload stored plain (before the payloads were gzipped) reads as it is.
        assert_eq!(gunzip(&json).unwrap().as_ref(), json.as_slice());
        assert!(gunzip(&[0x1f, 0x8b, 0, 1]).is_err());
    }
}
