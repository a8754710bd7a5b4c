//! Composite ranking of municipalities, Kommune-NM style: a documented index definition,
//! indicator values from formulas over series, normalised scores, group and total scores,
//! competition ranks nationally, per group, per indicator and within each county, explanations
//! with a sensitivity table, and published ranks kept beside computed ones.
//!
//! - [`Definition`]: the index definition, parsed from TOML with located errors
//!   ([`Definition::parse`]); the default is `data/ranking/kommune-nm.toml`, compiled in as
//!   [`KOMMUNE_NM_TOML`] ([`kommune_nm`]). Its comments document every choice and every
//!   departure from NHO's method.
//! - [`Expr`]: the formula language (`registered_unemployed / labour_force`,
//!   `population[+1] / population[-2] - 1`, `diversity(jobs_by_industry)`).
//! - [`SeriesTable`]: the dense input matrix (year × series × municipality), built from the
//!   engine's [`Inputs`](crate::Inputs) with [`SeriesTable::from_inputs`] or filled directly.
//! - [`Ranker`]: compiles the formulas against a table once and ranks any number of years
//!   ([`Ranker::rank_year`], or [`Ranker::rank_year_shared`] to keep the caller's list of
//!   municipalities without copying → [`YearRanking`], columns of values, scores and ranks with
//!   `Option` accessors; [`YearRanking::row`] and [`YearRanking::rows_by_rank`] for one
//!   municipality's row); [`Ranker::explain`] → [`Explanation`].
//! - [`compare_published`]: NHO's published ranks beside ours, each [`LabelledRank`] saying
//!   which is which.
//!
//! Pure: no I/O. The caller passes the municipalities to rank in a year and their county that
//! year (from `stats::geography`), and a table with the series the definition reads
//! ([`Definition::series`]).
//!
//! ```
//! use naeringsplan_engine::ranking::{kommune_nm, Municipality, Ranker, SeriesTable};
//! let def = kommune_nm();
//! assert_eq!(def.indicator_count(), 19);
//! let mut t = SeriesTable::new(["3203", "3201", "0301"], ["population"], 2016..=2020).unwrap();
//! for (code, pops) in [("3203", [90.0, 100.0]), ("3201", [100.0, 105.0]), ("0301", [100.0, 100.0])] {
//!     t.set("population", code, 2017, pops[0], false).unwrap();
//!     t.set("population", code, 2020, pops[1], false).unwrap();
//! }
//! let ms = [Municipality::new("3203", "30"), Municipality::new("3201", "30"), Municipality::new("0301", "03")];
//! let r = Ranker::new(&def, &t).rank_year(2019, &ms).unwrap();
//! // Population growth 2017–2020 is the only indicator with data: 3203 grew most.
//! let growth = &r.indicators[def.indicator_index("befolkningsvekst_3ar").unwrap()];
//! assert_eq!(growth.ranks(), vec![Some(1), Some(2), Some(3)]);
//! // Four of five groups have no data at all, so nobody gets a total rank.
//! assert_eq!(r.total.ranked, 0);
//! ```

use std::sync::OnceLock;

use plan::Year;
use serde::Serialize;
use thiserror::Error;

mod compute;
mod definition;
mod explain;
mod formula;
mod published;
mod table;

pub use compute::{
    GroupCell, GroupColumn, IndicatorCell, IndicatorColumn, IndicatorStats, Municipality, Ranker,
    RankingRow, TotalColumn, YearRanking, rank_year,
};
pub use definition::{
    Aggregation, DataKind, Definition, DefinitionError, Departure, Direction, Group, Indicator,
    Method, MissingPolicy, Normalisation, Problem, SeriesSpec,
};
pub use explain::{
    Explanation, Gap, GroupExplanation, IndicatorExplanation, MissingInput, Scenario, Sensitivity,
};
pub use formula::{BinOp, Expr, FormulaError, Func, SeriesRef};
pub use published::{
    LabelledRank, RankComparison, RankOrigin, RankScope, compare_published, computed_rank,
    published_rank,
};
pub use table::{SeriesTable, TableError};

/// The default index definition, `data/ranking/kommune-nm.toml`, as compiled in.
pub const KOMMUNE_NM_TOML: &str = include_str!("../../../data/ranking/kommune-nm.toml");

/// The default index definition, parsed once. The test suite checks that the file parses, so
/// this cannot fail in a released binary; a broken build panics here with the reasons.
pub fn kommune_nm() -> &'static Definition {
    static DEF: OnceLock<Definition> = OnceLock::new();
    DEF.get_or_init(|| match Definition::parse(KOMMUNE_NM_TOML) {
        Ok(d) => d,
        Err(e) => panic!(
            "the bundled ranking definition does not parse:\n{}",
            e.in_file("data/ranking/kommune-nm.toml")
        ),
    })
}

/// What can go wrong ranking, explaining or comparing.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RankError {
    /// A municipality passed twice for the same year.
    #[error("municipality {code} is listed twice for {year}")]
    DuplicateMunicipality {
        /// The code.
        code: String,
        /// The data year.
        year: Year,
    },
    /// The municipality is not in the ranking.
    #[error("municipality {code} is not among those ranked for {year}")]
    UnknownMunicipality {
        /// The code.
        code: String,
        /// The data year.
        year: Year,
    },
    /// The ranking was made with another definition.
    #[error("the ranking was made with definition `{ranking}`, not `{definition}`")]
    DefinitionMismatch {
        /// The ranking's definition id.
        ranking: String,
        /// The definition given.
        definition: String,
    },
    /// A published ranking whose edition does not follow its data year by the definition's lag.
    #[error(
        "published ranking `{ranking}` is edition {edition} of data year {data_year}; the \
         definition expects edition = data year + {lag}"
    )]
    EditionMismatch {
        /// The published ranking's id.
        ranking: String,
        /// Its edition year.
        edition: Year,
        /// Its data year.
        data_year: Year,
        /// The definition's edition lag.
        lag: i32,
    },
    /// Computed and published rankings of different data years.
    #[error("the computed ranking is for data year {computed}, the published one for {published}")]
    YearMismatch {
        /// The computed ranking's data year.
        computed: Year,
        /// The published ranking's data year.
        published: Year,
    },
}
