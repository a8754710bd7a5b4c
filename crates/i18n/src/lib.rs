//! What users read, in the three languages naeringsplan speaks: Norwegian bokmål (`nb`), Norwegian
//! nynorsk (`nn`) and English (`en`).
//!
//! The texts live in Fluent files, one per language (`crates/i18n/locales/{nb,nn,en}.ftl`), so a
//! translator edits text files, not Rust. They are compiled into the binary (`include_str!`) and
//! parsed once, on first use. Code asks for a message by its id:
//!
//! ```
//! use naeringsplan_i18n::{Lang, tr};
//! assert_eq!(tr(Lang::Nb, "layout-skip-to-content"), "Hopp til innholdet");
//! assert_eq!(tr(Lang::En, "layout-skip-to-content"), "Skip to content");
//! ```
//!
//! A message missing in one language falls back to bokmål, then to its id; the crate's tests fail
//! when a message is missing in any language, when a file does not parse, or when a message uses a
//! variable another language does not.
//!
//! Values that need locale formatting (numbers, dates) are formatted by the caller and passed as
//! text; Fluent here only places them and picks plural forms.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::{Deserialize, Serialize};

pub use fluent_bundle::FluentValue as Value;

/// The languages the product shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Norwegian bokmål, the default.
    #[default]
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The BCP 47 code: `nb`, `nn`, `en` (for `lang` attributes and the `?lang=` parameter).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nb => "Bokmål",
            Lang::Nn => "Nynorsk",
            Lang::En => "English",
        }
    }

    /// The language of a code (`nb`, `nn`, `en`; `no` is bokmål), if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nb" | "no" | "nob" => Some(Lang::Nb),
            "nn" | "nno" => Some(Lang::Nn),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }

    /// Whether this is one of the two Norwegian written standards.
    pub fn is_norwegian(self) -> bool {
        matches!(self, Lang::Nb | Lang::Nn)
    }

    fn index(self) -> usize {
        match self {
            Lang::Nb => 0,
            Lang::Nn => 1,
            Lang::En => 2,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The Fluent source of each language, as compiled in: `(language, file name, text)`.
pub const SOURCES: [(Lang, &str, &str); 3] = [
    (Lang::Nb, "nb.ftl", include_str!("../locales/nb.ftl")),
    (Lang::Nn, "nn.ftl", include_str!("../locales/nn.ftl")),
    (Lang::En, "en.ftl", include_str!("../locales/en.ftl")),
];

struct Bundles {
    bundles: Vec<FluentBundle<FluentResource>>,
}

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| {
    let bundles = SOURCES
        .iter()
        .map(|(lang, _, text)| {
            // A file with syntax errors still yields the messages that parsed; the tests make
            // sure there are none.
            let resource = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, _)| r);
            let id: unic_langid::LanguageIdentifier = lang
                .code()
                .parse()
                .expect("nb, nn and en are valid language ids");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Text goes into HTML, PDF and terminals: no Unicode isolation marks around values.
            bundle.set_use_isolating(false);
            // Duplicates are reported by the tests; the first definition wins here.
            let _ = bundle.add_resource(resource);
            bundle
        })
        .collect();
    Bundles { bundles }
});

fn format(lang: Lang, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = &BUNDLES.bundles[lang.index()];
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned(),
    )
}

/// The message `key` in `lang` (bokmål if the language lacks it; the key itself if no language
/// has it — the tests make sure that never ships).
pub fn tr(lang: Lang, key: &str) -> String {
    format(lang, key, None)
        .or_else(|| format(Lang::Nb, key, None))
        .unwrap_or_else(|| key.to_string())
}

/// The message `key` in `lang` with its variables (`{ $name }` in the file) set from `args`.
/// Pass numbers as numbers when the message chooses a plural form by them, and text already
/// formatted for the language otherwise.
pub fn tr_args(lang: Lang, key: &str, args: &[(&str, Value<'_>)]) -> String {
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        fargs.set(*name, value.clone());
    }
    format(lang, key, Some(&fargs))
        .or_else(|| format(Lang::Nb, key, Some(&fargs)))
        .unwrap_or_else(|| key.to_string())
}

/// A message to be said later in a language not yet known (an error raised below the layer that
/// knows the reader's language): its id in the translation files and its variables, as text
/// already formatted or as numbers (for plural choices). A text that comes from elsewhere and has
/// no message (a store's English detail, say) is carried as [`Message::raw`] and shown as is.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
    raw: Option<String>,
}

/// A message variable.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text(String),
    Number(f64),
    /// A text written for each language, in [`Lang::ALL`]'s order.
    Each([String; 3]),
}

impl Message {
    /// The message `key` (variables added with [`Message::arg`] and [`Message::num`]).
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            args: Vec::new(),
            raw: None,
        }
    }

    /// A text shown as it is in every language.
    pub fn raw(text: impl Into<String>) -> Message {
        Message {
            key: "",
            args: Vec::new(),
            raw: Some(text.into()),
        }
    }

    /// Sets the variable `name` to a text.
    pub fn arg(mut self, name: &'static str, value: impl std::fmt::Display) -> Message {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// Sets the variable `name` to a text written for each language by `write` (a list of
    /// labels, say).
    pub fn arg_each(mut self, name: &'static str, write: impl Fn(Lang) -> String) -> Message {
        self.args.push((name, Arg::Each(Lang::ALL.map(write))));
        self
    }

    /// Sets the variable `name` to a number (the message may choose a plural form by it).
    pub fn num(mut self, name: &'static str, value: impl Into<f64>) -> Message {
        self.args.push((name, Arg::Number(value.into())));
        self
    }

    /// The message id (empty for a raw text).
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let args: Vec<(&str, Value<'_>)> = self
            .args
            .iter()
            .map(|(n, a)| {
                (
                    *n,
                    match a {
                        Arg::Text(t) => Value::from(t.as_str()),
                        Arg::Number(x) => Value::from(*x),
                        Arg::Each(texts) => Value::from(texts[lang.index()].as_str()),
                    },
                )
            })
            .collect();
        tr_args(lang, self.key, &args)
    }
}

/// Whether `lang`'s file defines the message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    BUNDLES.bundles[lang.index()].has_message(key)
}

/// The ids of the messages `lang`'s file defines, in file order.
pub fn keys(lang: Lang) -> Vec<String> {
    let (_, _, text) = SOURCES[lang.index()];
    let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, _)| r);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
