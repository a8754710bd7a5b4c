//! Reading JSON-stat 2.0 bytes into a [`Dataset`], with located errors.

use std::collections::{HashMap, HashSet};

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

use super::node::Node;
use super::{
    Category, Cell, Dataset, Dimension, JsonStatError, MissingReason, RoleKind, Roles, Unit,
};

type Result<T> = std::result::Result<T, JsonStatError>;
type Entries = [(String, Node)];

/// Reads a JSON-stat 2.0 data response (`class: "dataset"` with values).
///
/// Checks that the product of `size` equals the number of values, that every dimension in `id`
/// exists and has `size` categories, that status positions are in range, and more; each
/// problem is reported with its JSON path.
pub fn parse(bytes: &[u8]) -> Result<Dataset> {
    read(bytes, Mode::Data)
}

/// Reads a JSON-stat 2.0 metadata response (PxWebApi v2 `/tables/{id}/metadata`), where `value`
/// is empty or absent. Values, if present, are checked as in [`parse`].
pub fn parse_metadata(bytes: &[u8]) -> Result<Dataset> {
    read(bytes, Mode::Metadata)
}

/// Reads only the dimension `dimension_id` of a JSON-stat 2.0 document (e.g. the `Region`
/// code list of a metadata response), checked against its entry in `size`. The rest of the
/// document need not be complete.
pub fn parse_dimension(bytes: &[u8], dimension_id: &str) -> Result<Dimension> {
    let root = root(bytes)?;
    let root = Obj::new(&root, "")?;
    check_class(&root)?;
    let ids = ids(&root)?;
    let sizes = sizes(&root, ids.len())?;
    let Some(pos) = ids.iter().position(|id| id == dimension_id) else {
        return Err(invalid(
            "id",
            format!("a dimension id {dimension_id:?}"),
            "no such id",
        ));
    };
    let dims = root.require("dimension", "an object of dimensions")?;
    let dims = Obj::new(dims, "dimension")?;
    let Some(node) = dims.get(dimension_id) else {
        return Err(invalid(
            &format!("dimension.{}", key_path(dimension_id)),
            "the dimension listed in id",
            "nothing",
        ));
    };
    dimension(dimension_id, node, sizes[pos])
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Data,
    Metadata,
}

fn invalid(path: &str, expected: impl Into<String>, found: impl Into<String>) -> JsonStatError {
    JsonStatError::Invalid {
        path: if path.is_empty() {
            "(root)".to_owned()
        } else {
            path.to_owned()
        },
        expected: expected.into(),
        found: found.into(),
    }
}

/// `key` as a path segment: bare when it is a plain identifier, else quoted.
fn key_path(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '+'))
    {
        key.to_owned()
    } else {
        format!("{key:?}")
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key_path(key)
    } else {
        format!("{path}.{}", key_path(key))
    }
}

/// An object whose keys were checked to be unique.
struct Obj<'a> {
    entries: &'a Entries,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(node: &'a Node, path: &str) -> Result<Self> {
        let Node::Object(entries) = node else {
            return Err(invalid(path, "an object", node.describe()));
        };
        let mut seen = HashSet::with_capacity(entries.len());
        for (k, _) in entries {
            if !seen.insert(k.as_str()) {
                return Err(invalid(
                    path,
                    "each key once",
                    format!("the key {k:?} twice"),
                ));
            }
        }
        Ok(Obj {
            entries,
            path: path.to_owned(),
        })
    }

    fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn require(&self, key: &str, expected: &str) -> Result<&'a Node> {
        self.get(key)
            .ok_or_else(|| invalid(&self.path(key), expected, "nothing"))
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>> {
        match self.get(key) {
            None | Some(Node::Null) => Ok(None),
            Some(Node::Str(s)) => Ok(Some(s.clone())),
            Some(n) => Err(invalid(&self.path(key), "a string", n.describe())),
        }
    }
}

fn root(bytes: &[u8]) -> Result<Node> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.valid_up_to() + (bytes.len() - body.len());
            let (line, column) = crate::text::line_col(bytes, offset);
            let byte = bytes[offset];
            let one = [byte];
            let hint = if byte >= 0xA0 {
                let (c, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&one);
                format!(
                    "; the byte 0x{byte:02X} is {c:?} in ISO-8859-1/Windows-1252 — JSON-stat must be UTF-8"
                )
            } else {
                format!("; unexpected byte 0x{byte:02X} — JSON-stat must be UTF-8")
            };
            return Err(JsonStatError::InvalidUtf8 {
                offset,
                line,
                column,
                hint,
            });
        }
    };
    if text.trim().is_empty() {
        return Err(JsonStatError::Empty);
    }
    serde_json::from_str::<Node>(text).map_err(|e| {
        let full = e.to_string();
        // serde_json appends " at line L column C"; we put the position first instead.
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        JsonStatError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

fn check_class(root: &Obj) -> Result<()> {
    match root.get("class") {
        Some(Node::Str(s)) if s == "dataset" => {}
        Some(n) => {
            return Err(invalid(
                "class",
                "\"dataset\" (a JSON-stat 2.0 dataset)",
                n.describe(),
            ));
        }
        None => {
            return Err(invalid(
                "class",
                "\"dataset\" (a JSON-stat 2.0 dataset)",
                "no class (not JSON-stat 2.0)",
            ));
        }
    }
    match root.get("version") {
        None => Ok(()),
        Some(Node::Str(v)) if v == "2.0" => Ok(()),
        Some(n) => Err(invalid("version", "\"2.0\"", n.describe())),
    }
}

fn ids(root: &Obj) -> Result<Vec<String>> {
    let node = root.require("id", "an array of dimension ids")?;
    let Node::Array(items) = node else {
        return Err(invalid("id", "an array of dimension ids", node.describe()));
    };
    if items.is_empty() {
        return Err(invalid("id", "at least one dimension id", "an empty array"));
    }
    let mut ids: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Node::Str(s) = item else {
            return Err(invalid(
                &format!("id[{i}]"),
                "a dimension id (string)",
                item.describe(),
            ));
        };
        if let Some(j) = ids.iter().position(|x| x == s) {
            return Err(invalid(
                &format!("id[{i}]"),
                "a dimension id not listed before",
                format!("{s:?} again (also id[{j}])"),
            ));
        }
        ids.push(s.clone());
    }
    Ok(ids)
}

fn sizes(root: &Obj, n_ids: usize) -> Result<Vec<usize>> {
    let node = root.require("size", "an array of dimension sizes")?;
    let Node::Array(items) = node else {
        return Err(invalid(
            "size",
            "an array of dimension sizes",
            node.describe(),
        ));
    };
    if items.len() != n_ids {
        return Err(invalid(
            "size",
            format!("{n_ids} sizes (one per id)"),
            format!("{}", items.len()),
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, n)| non_negative(n, &format!("size[{i}]")))
        .collect()
}

fn non_negative(node: &Node, path: &str) -> Result<usize> {
    let v = match *node {
        Node::UInt(u) => usize::try_from(u).ok(),
        Node::Int(i) if i >= 0 => usize::try_from(i).ok(),
        _ => None,
    };
    v.ok_or_else(|| invalid(path, "a non-negative integer", node.describe()))
}

fn strings(node: &Node, path: &str) -> Result<Vec<String>> {
    match node {
        Node::Null => Ok(Vec::new()),
        Node::Str(s) => Ok(vec![s.clone()]),
        Node::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| match n {
                Node::Str(s) => Ok(s.clone()),
                _ => Err(invalid(&format!("{path}[{i}]"), "a string", n.describe())),
            })
            .collect(),
        _ => Err(invalid(path, "an array of strings", node.describe())),
    }
}

fn read(bytes: &[u8], mode: Mode) -> Result<Dataset> {
    let root_node = root(bytes)?;
    let root = Obj::new(&root_node, "")?;
    check_class(&root)?;
    let ids = ids(&root)?;
    let sizes = sizes(&root, ids.len())?;

    let dims_node = root.require("dimension", "an object of dimensions")?;
    let dims = Obj::new(dims_node, "dimension")?;
    for (key, _) in dims.entries {
        if !ids.contains(key) {
            return Err(invalid(
                &dims.path(key),
                "a dimension listed in id",
                "a dimension that id does not list",
            ));
        }
    }
    let mut dimensions = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let Some(node) = dims.get(id) else {
            return Err(invalid(
                &format!("id[{i}]"),
                format!("a dimension {id:?} in dimension"),
                "no such dimension",
            ));
        };
        dimensions.push(dimension(id, node, sizes[i])?);
    }

    let total = sizes.iter().try_fold(1usize, |acc, &s| acc.checked_mul(s));
    let Some(total) = total else {
        return Err(invalid(
            "size",
            "sizes whose product fits in memory",
            format!("{sizes:?}"),
        ));
    };
    let shape = sizes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("×");

    let values = match (root.get("value"), mode) {
        (None, Mode::Metadata) => None,
        (Some(Node::Array(a)), Mode::Metadata) if a.is_empty() => None,
        (None, Mode::Data) => {
            return Err(invalid(
                "value",
                format!("{total} values (the product of size {shape})"),
                "nothing (a metadata response? read it with parse_metadata)",
            ));
        }
        (Some(Node::Array(a)), Mode::Data) if a.is_empty() && total > 0 => {
            return Err(invalid(
                "value",
                format!("{total} values (the product of size {shape})"),
                "an empty array (a metadata response? read it with parse_metadata)",
            ));
        }
        (Some(node), _) => Some(values(node, total, &shape)?),
    };

    let cells = match values {
        None => {
            if let Some(status) = root.get("status").filter(|n| !matches!(n, Node::Null)) {
                return Err(invalid(
                    "status",
                    "no status without values",
                    status.describe(),
                ));
            }
            Vec::new()
        }
        Some(values) => {
            let status = match root.get("status") {
                None | Some(Node::Null) => vec![None; total],
                Some(node) => status(node, total)?,
            };
            values
                .into_iter()
                .zip(status)
                .map(|(v, s)| match (v, s) {
                    (Some(v), None) => Cell::Value(v),
                    (Some(v), Some(s)) => Cell::Flagged {
                        value: v,
                        status: s,
                    },
                    (None, Some(s)) => Cell::Missing(MissingReason::from_symbol(&s)),
                    (None, None) => Cell::Missing(MissingReason::Unspecified),
                })
                .collect()
        }
    };
    let has_values = !(cells.is_empty() && total > 0);

    let roles = roles(&root, &ids)?;
    let updated = match root.get("updated") {
        None | Some(Node::Null) => None,
        Some(Node::Str(s)) => Some(
            parse_time(s)
                .ok_or_else(|| invalid("updated", "an ISO 8601 date-time", format!("{s:?}")))?,
        ),
        Some(n) => return Err(invalid("updated", "an ISO 8601 date-time", n.describe())),
    };
    let notes = match root.get("note") {
        None => Vec::new(),
        Some(n) => strings(n, "note")?,
    };
    let extension = root.get("extension").cloned();
    let (table_id, decimals) = match &extension {
        Some(ext) => px_fields(ext)?,
        None => (None, None),
    };

    Ok(Dataset {
        label: root.opt_str("label")?,
        source: root.opt_str("source")?,
        updated,
        table_id,
        decimals,
        notes,
        extension: extension.map(Node::into_value),
        roles,
        dimensions,
        cells,
        has_values,
    })
}

/// `extension.px.tableid` and `extension.px.decimals`.
fn px_fields(ext: &Node) -> Result<(Option<String>, Option<u32>)> {
    let Node::Object(_) = ext else {
        return Err(invalid("extension", "an object", ext.describe()));
    };
    let ext = Obj::new(ext, "extension")?;
    let Some(px) = ext.get("px") else {
        return Ok((None, None));
    };
    let px = Obj::new(px, "extension.px")?;
    let table_id = match px.get("tableid") {
        None | Some(Node::Null) => None,
        Some(Node::Str(s)) => Some(s.clone()),
        Some(n @ (Node::UInt(_) | Node::Int(_))) => Some(n.describe()),
        Some(n) => return Err(invalid("extension.px.tableid", "a table id", n.describe())),
    };
    let decimals = match px.get("decimals") {
        None | Some(Node::Null) => None,
        Some(n) => Some(decimals(n, "extension.px.decimals")?),
    };
    Ok((table_id, decimals))
}

fn decimals(node: &Node, path: &str) -> Result<u32> {
    let n = non_negative(node, path)?;
    u32::try_from(n).map_err(|_| invalid(path, "a small number of decimals", node.describe()))
}

fn parse_time(s: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    let no_zone = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    if let Ok(t) = PrimitiveDateTime::parse(s, &no_zone) {
        return Some(t.assume_utc());
    }
    let date_only = format_description!("[year]-[month]-[day]");
    Date::parse(s, &date_only)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

fn values(node: &Node, total: usize, shape: &str) -> Result<Vec<Option<f64>>> {
    let one = |n: &Node, path: &str| -> Result<Option<f64>> {
        match n {
            Node::Null => Ok(None),
            n => match n.as_f64() {
                Some(v) => Ok(Some(v)),
                None => Err(invalid(path, "a number or null", n.describe())),
            },
        }
    };
    match node {
        Node::Array(items) => {
            if items.len() != total {
                return Err(invalid(
                    "value",
                    format!("{total} values (the product of size {shape})"),
                    format!("{}", items.len()),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, n)| one(n, &format!("value[{i}]")))
                .collect()
        }
        Node::Object(_) => {
            let obj = Obj::new(node, "value")?;
            let mut out = vec![None; total];
            for (k, n) in obj.entries {
                let pos = position_key(k, total, "value", "values")?;
                out[pos] = one(n, &obj.path(k))?;
            }
            Ok(out)
        }
        n => Err(invalid(
            "value",
            "an array of numbers (or an object {\"position\": number})",
            n.describe(),
        )),
    }
}

/// A sparse-object key: a position below `total`.
fn position_key(key: &str, total: usize, path: &str, what: &str) -> Result<usize> {
    match key.parse::<usize>() {
        Ok(p) if p < total => Ok(p),
        Ok(p) => Err(invalid(
            &join(path, key),
            format!("a position below {total} (the number of {what})"),
            p.to_string(),
        )),
        Err(_) => Err(invalid(
            &join(path, key),
            "a key that is a position (a non-negative integer)",
            format!("{key:?}"),
        )),
    }
}

fn status(node: &Node, total: usize) -> Result<Vec<Option<String>>> {
    let one = |n: &Node, path: &str| -> Result<Option<String>> {
        match n {
            Node::Null => Ok(None),
            Node::Str(s) if s.is_empty() => Ok(None),
            Node::Str(s) => Ok(Some(s.clone())),
            n => Err(invalid(path, "a status symbol (string)", n.describe())),
        }
    };
    match node {
        Node::Str(_) => Ok(vec![one(node, "status")?; total]),
        Node::Array(items) if items.len() == 1 => Ok(vec![one(&items[0], "status[0]")?; total]),
        Node::Array(items) => {
            if items.len() != total {
                return Err(invalid(
                    "status",
                    format!("{total} status entries (one per value) or 1"),
                    format!("{}", items.len()),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, n)| one(n, &format!("status[{i}]")))
                .collect()
        }
        Node::Object(_) => {
            let obj = Obj::new(node, "status")?;
            let mut out = vec![None; total];
            for (k, n) in obj.entries {
                let pos = position_key(k, total, "status", "values")?;
                out[pos] = one(n, &obj.path(k))?;
            }
            Ok(out)
        }
        n => Err(invalid(
            "status",
            "a status symbol, an array or an object {\"position\": symbol}",
            n.describe(),
        )),
    }
}

fn dimension(id: &str, node: &Node, size: usize) -> Result<Dimension> {
    let path = join("dimension", id);
    let dim = Obj::new(node, &path)?;
    let label = dim.opt_str("label")?;
    let notes = match dim.get("note") {
        None => Vec::new(),
        Some(n) => strings(n, &dim.path("note"))?,
    };
    let cat_node = dim.require("category", "a category object")?;
    let cat = Obj::new(cat_node, &dim.path("category"))?;
    let labels = match cat.get("label") {
        None | Some(Node::Null) => None,
        Some(n) => Some(Obj::new(n, &cat.path("label"))?),
    };

    let index_path = cat.path("index");
    let codes: Vec<String> = match cat.get("index") {
        Some(Node::Array(items)) => {
            let mut codes: Vec<String> = Vec::with_capacity(items.len());
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Node::Str(code) = item else {
                    return Err(invalid(
                        &format!("{index_path}[{i}]"),
                        "a category code (string)",
                        item.describe(),
                    ));
                };
                if let Some(j) = seen.insert(code, i) {
                    return Err(invalid(
                        &format!("{index_path}[{i}]"),
                        "a category code not listed before",
                        format!("{code:?} again (also at position {j})"),
                    ));
                }
                codes.push(code.clone());
            }
            codes
        }
        Some(obj @ Node::Object(_)) => {
            let obj = Obj::new(obj, &index_path)?;
            let n = obj.entries.len();
            if n != size {
                return Err(invalid(
                    &index_path,
                    format!("{size} categories (the size of {id})"),
                    format!("{n}"),
                ));
            }
            let mut slots: Vec<Option<&str>> = vec![None; n];
            for (code, pos_node) in obj.entries {
                let pos = non_negative(pos_node, &obj.path(code))?;
                if pos >= n {
                    return Err(invalid(
                        &obj.path(code),
                        format!("a position below {n}"),
                        pos.to_string(),
                    ));
                }
                if let Some(other) = slots[pos] {
                    return Err(invalid(
                        &obj.path(code),
                        "a position no other code has",
                        format!("{pos} (also the position of {other:?})"),
                    ));
                }
                slots[pos] = Some(code);
            }
            // n distinct positions below n fill every slot.
            slots.into_iter().flatten().map(str::to_owned).collect()
        }
        None | Some(Node::Null) => match &labels {
            Some(l) if l.entries.len() == 1 => vec![l.entries[0].0.clone()],
            _ => {
                return Err(invalid(
                    &index_path,
                    "a category index (it may be left out only for a single category with a label)",
                    "nothing",
                ));
            }
        },
        Some(n) => {
            return Err(invalid(
                &index_path,
                "an array of codes or an object {code: position}",
                n.describe(),
            ));
        }
    };
    if codes.len() != size {
        return Err(invalid(
            &index_path,
            format!("{size} categories (the size of {id})"),
            format!("{}", codes.len()),
        ));
    }
    let positions: HashMap<String, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i))
        .collect();
    let mut categories: Vec<Category> = codes
        .into_iter()
        .map(|code| Category {
            code,
            label: None,
            unit: None,
            notes: Vec::new(),
        })
        .collect();

    let known = |key: &str, path: &str| -> Result<usize> {
        positions.get(key).copied().ok_or_else(|| {
            invalid(
                &join(path, key),
                "a code listed in category.index",
                format!("the unknown code {key:?}"),
            )
        })
    };
    if let Some(labels) = &labels {
        for (code, n) in labels.entries {
            let pos = known(code, &labels.path)?;
            let Node::Str(s) = n else {
                return Err(invalid(
                    &labels.path(code),
                    "a label (string)",
                    n.describe(),
                ));
            };
            categories[pos].label = Some(s.clone());
        }
    }
    if let Some(units) = cat.get("unit").filter(|n| !matches!(n, Node::Null)) {
        let units = Obj::new(units, &cat.path("unit"))?;
        for (code, n) in units.entries {
            let pos = known(code, &units.path)?;
            categories[pos].unit = Some(unit(n, &units.path(code))?);
        }
    }
    if let Some(notes) = cat.get("note").filter(|n| !matches!(n, Node::Null)) {
        let notes = Obj::new(notes, &cat.path("note"))?;
        for (code, n) in notes.entries {
            let pos = known(code, &notes.path)?;
            categories[pos].notes = strings(n, &notes.path(code))?;
        }
    }
    Ok(Dimension {
        id: id.to_owned(),
        label,
        notes,
        categories,
        positions,
    })
}

fn unit(node: &Node, path: &str) -> Result<Unit> {
    let u = Obj::new(node, path)?;
    let decimals = match u.get("decimals") {
        None | Some(Node::Null) => None,
        Some(n) => Some(decimals(n, &u.path("decimals"))?),
    };
    Ok(Unit {
        base: u.opt_str("base")?,
        decimals,
        label: u.opt_str("label")?,
        symbol: u.opt_str("symbol")?,
        position: u.opt_str("position")?,
    })
}

fn roles(root: &Obj, ids: &[String]) -> Result<Roles> {
    let mut roles = Roles::default();
    let given = match root.get("role") {
        None | Some(Node::Null) => None,
        Some(n) => Some(Obj::new(n, "role")?),
    };
    for (kind, key) in [
        (RoleKind::Time, "time"),
        (RoleKind::Geo, "geo"),
        (RoleKind::Metric, "metric"),
    ] {
        let listed = match given.as_ref().and_then(|r| r.get(key)) {
            Some(n) => {
                let path = format!("role.{key}");
                let listed = strings(n, &path)?;
                for (i, id) in listed.iter().enumerate() {
                    if !ids.contains(id) {
                        return Err(invalid(
                            &format!("{path}[{i}]"),
                            "a dimension id listed in id",
                            format!("{id:?}"),
                        ));
                    }
                }
                listed
            }
            None => {
                let inferred: Vec<String> = ids
                    .iter()
                    .filter(|id| looks_like(kind, id))
                    .cloned()
                    .collect();
                if !inferred.is_empty() {
                    roles.inferred.push(kind);
                }
                inferred
            }
        };
        match kind {
            RoleKind::Time => roles.time = listed,
            RoleKind::Geo => roles.geo = listed,
            RoleKind::Metric => roles.metric = listed,
        }
    }
    Ok(roles)
}

/// Whether a dimension id names a role by SSB's conventions (`Tid`, `Region…`, `ContentsCode`).
fn looks_like(kind: RoleKind, id: &str) -> bool {
    let l = id.to_lowercase();
    match kind {
        RoleKind::Time => matches!(
            l.as_str(),
            "tid" | "time" | "year" | "år" | "aar" | "periode"
        ),
        RoleKind::Geo => {
            l.contains("region") || matches!(l.as_str(), "kommune" | "kommunenr" | "fylke" | "geo")
        }
        RoleKind::Metric => l == "contentscode" || l == "statistikkvariabel",
    }
}
