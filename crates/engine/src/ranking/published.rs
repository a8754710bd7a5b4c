//! Published ranks (NHO's) beside computed ones: paired per municipality, edition and scope,
//! each labelled with where it comes from. A published rank is an imported figure; it is never
//! replaced by, nor mixed into, a computed one.

use plan::{PublishedRanking, Year};
use serde::Serialize;

use super::RankError;
use super::compute::YearRanking;
use super::definition::Definition;
use crate::Bilingual;

/// Where a rank comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankOrigin {
    /// Computed by this engine from the index definition.
    Computed,
    /// Published by someone else (e.g. NHO) and imported as such.
    Published,
}

/// Which rank of a municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "scope", content = "id")]
pub enum RankScope {
    /// The total rank among all municipalities.
    Total,
    /// The rank in one group (group id, e.g. `naeringsliv`).
    Group(String),
}

/// A rank with its origin and a label saying so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LabelledRank {
    /// The rank (1 = best).
    pub rank: u32,
    /// Out of how many, where known.
    pub out_of: Option<u32>,
    /// Computed or published.
    pub origin: RankOrigin,
    /// A short label, e.g. "beregnet (egen indeks kommune-nm, syntetiske data)" or
    /// "publisert av NHO (kommune-nm-2020)".
    pub label: Bilingual,
    /// Computed from synthetic data (always false for a published rank).
    pub synthetic: bool,
    /// The definition id (computed) or the published ranking's source (published).
    pub source: String,
}

/// A municipality's computed and published rank for one edition and scope, side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RankComparison {
    /// Municipality code.
    pub code: String,
    /// Name as printed by the publisher, if known.
    pub name: Option<String>,
    /// Edition year (= data year + the definition's edition lag).
    pub edition: Year,
    /// Data year.
    pub data_year: Year,
    /// Which rank.
    pub scope: RankScope,
    /// Our rank, if computed.
    pub computed: Option<LabelledRank>,
    /// The publisher's rank, if published.
    pub published: Option<LabelledRank>,
}

impl RankComparison {
    /// Computed minus published rank (positive: we rank it lower than the publisher did).
    pub fn difference(&self) -> Option<i64> {
        Some(self.computed.as_ref()?.rank as i64 - self.published.as_ref()?.rank as i64)
    }
}

/// A computed rank, labelled.
pub fn computed_rank(
    definition: &Definition,
    rank: u32,
    out_of: u32,
    synthetic: bool,
) -> LabelledRank {
    let (nb, en) = if synthetic {
        (
            format!("beregnet (egen indeks {}, SYNTETISKE DATA)", definition.id),
            format!("computed (own index {}, SYNTHETIC DATA)", definition.id),
        )
    } else {
        (
            format!("beregnet (egen indeks {})", definition.id),
            format!("computed (own index {})", definition.id),
        )
    };
    LabelledRank {
        rank,
        out_of: Some(out_of),
        origin: RankOrigin::Computed,
        label: Bilingual::new(nb, en),
        synthetic,
        source: definition.id.clone(),
    }
}

/// A published rank, labelled.
pub fn published_rank(ranking: &PublishedRanking, rank: u32) -> LabelledRank {
    LabelledRank {
        rank,
        out_of: None,
        origin: RankOrigin::Published,
        label: Bilingual::new(
            format!("publisert av {} ({})", ranking.publisher, ranking.id),
            format!("published by {} ({})", ranking.publisher, ranking.id),
        ),
        synthetic: false,
        source: ranking.source.clone(),
    }
}

/// Pairs every row of a published ranking with the computed ranks of the same data year: the
/// total and each of the publisher's groups, in the publisher's row and group order. Rows
/// without a municipality code, codes the computation did not rank and groups the definition
/// does not have get no computed rank.
///
/// Refuses a published ranking whose edition is not its data year + the definition's edition
/// lag, and a computed ranking of another data year.
pub fn compare_published(
    definition: &Definition,
    ranking: &YearRanking,
    published: &PublishedRanking,
) -> Result<Vec<RankComparison>, RankError> {
    if published.edition != definition.edition(published.data_year) {
        return Err(RankError::EditionMismatch {
            ranking: published.id.clone(),
            edition: published.edition,
            data_year: published.data_year,
            lag: definition.edition_lag,
        });
    }
    if ranking.year != published.data_year {
        return Err(RankError::YearMismatch {
            computed: ranking.year,
            published: published.data_year,
        });
    }
    let mut out = Vec::new();
    for row in &published.rows {
        let computed_row = row
            .municipality_code
            .as_deref()
            .and_then(|c| ranking.row(c));
        let code = row.municipality_code.clone().unwrap_or_default();
        let pair = |scope: RankScope,
                    computed: Option<LabelledRank>,
                    published_rank_value: Option<u32>| RankComparison {
            code: code.clone(),
            name: Some(row.municipality_name.clone()),
            edition: published.edition,
            data_year: published.data_year,
            scope,
            computed,
            published: published_rank_value.map(|r| published_rank(published, r)),
        };
        let total = computed_row.as_ref().and_then(|r| {
            r.rank
                .map(|rank| computed_rank(definition, rank, ranking.total.ranked, r.synthetic))
        });
        out.push(pair(RankScope::Total, total, Some(row.total)));
        for g in &published.groups {
            let computed = computed_row.as_ref().and_then(|r| {
                let gi = definition.group_index(&g.id)?;
                let rank = r.groups[gi].rank?;
                let synthetic = definition.groups[gi]
                    .indicators
                    .iter()
                    .any(|ind| r.indicators.iter().any(|c| c.id == ind.id && c.synthetic));
                Some(computed_rank(
                    definition,
                    rank,
                    ranking.groups[gi].ranked,
                    synthetic,
                ))
            });
            out.push(pair(
                RankScope::Group(g.id.clone()),
                computed,
                row.groups.get(&g.id).copied(),
            ));
        }
    }
    Ok(out)
}
