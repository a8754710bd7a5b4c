//! Definitions evaluated over whole columns: every municipality and year at once.
//!
//! [`Definition::compute`] evaluates one municipality and year from an [`Inputs`] table, with
//! every input's provenance and the arithmetic in words, for the dashboard's explanations. A
//! national table (every municipality × ten years, for peers, medians and percentiles) needs
//! only the values and whether they rest on demo data, for tens of thousands of cells. Here the inputs are dense columns over a grid of municipalities × years
//! ([`ColumnInputs`]): one `f64` per cell with NaN for "no value" (a missing cell, whatever its
//! reason) and a parallel demo flag. A definition is compiled once against the columns
//! ([`Definition::compile`]: its inputs found by series name, with their year offsets) and then
//! evaluated as whole-column arithmetic ([`Compiled::evaluate`]).
//!
//! The rules are the per-cell path's, and so is the order of every floating-point operation, so
//! the values are bit for bit those of [`Definition::value`] (a test checks every cell):
//!
//! - a value needs every input it reads to have a value;
//! - a ratio (`egendekning`) is `a / b`, a percentage `100 × (a / b)`, both undefined (no value)
//!   when the denominator is not positive;
//! - job growth relative to population growth is `100 × (jobs − jobs_prev) / (pop_end −
//!   pop_start)`, undefined when the population did not grow;
//! - a value is demo (synthetic) when any input it reads is.
//!
//! One difference by construction: NaN marks a missing value, so an input whose value is NaN
//! counts as missing here, while the per-cell path would carry the NaN into the result. No
//! import stores NaN as a value (a statistics file's missing values are symbols).
//!
//! The knowledge-intensive share reads a family of series (`jobs_by_industry:*`) and has no
//! columnar form ([`Definition::compile`] gives none).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use plan::{Unit, Year};

use crate::definitions::Definition;
use crate::inputs::Inputs;

/// How a definition's arithmetic runs over columns (chosen per definition in
/// [`crate::definitions::DEFINITIONS`]; the inputs are its `needs`, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kernel {
    /// `needs[0] / needs[1]`, times 100 when the unit is percent; undefined when the
    /// denominator is not positive.
    Ratio,
    /// `needs[0] + needs[1]`.
    Sum,
    /// `needs[0]` as it is.
    Passthrough,
    /// Job growth relative to population growth over `needs` = jobs(y), jobs(y − 1),
    /// population(y), population(y + 1).
    JobGrowth,
    /// No columnar form (a family of series).
    PerCellOnly,
}

/// A grid of municipalities × consecutive years; cell `(m, y)` is at index
/// `m × years + (y − first year)` (a municipality's years are adjacent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grid {
    codes: usize,
    first_year: Year,
    years: usize,
}

impl Grid {
    /// A grid of `codes` municipalities (by their index in the caller's list) × `years`.
    pub fn new(codes: usize, years: RangeInclusive<Year>) -> Grid {
        let n = if years.is_empty() {
            0
        } else {
            (years.end() - years.start() + 1) as usize
        };
        Grid {
            codes,
            first_year: *years.start(),
            years: n,
        }
    }

    /// Number of municipalities.
    pub fn codes(&self) -> usize {
        self.codes
    }

    /// The years, first to last.
    pub fn years(&self) -> RangeInclusive<Year> {
        self.first_year..=self.first_year + self.years as Year - 1
    }

    /// Number of years.
    pub fn year_count(&self) -> usize {
        self.years
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.codes * self.years
    }

    /// Whether the grid has no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of municipality `code` (its index) in `year`, if both are in the grid.
    pub fn index(&self, code: usize, year: Year) -> Option<usize> {
        let k = usize::try_from(year.checked_sub(self.first_year)?).ok()?;
        (code < self.codes && k < self.years).then_some(code * self.years + k)
    }
}

/// One series (or one result) over a grid: a value per cell (NaN: no value) and whether it is
/// demo (synthetic) data. A demo flag means something only where there is a value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Column {
    /// The values; NaN where there is none.
    pub values: Vec<f64>,
    /// Whether each value rests on demo (synthetic) data.
    pub demo: Vec<bool>,
}

impl Column {
    /// A column of `len` cells without values.
    pub fn missing(len: usize) -> Column {
        Column {
            values: vec![f64::NAN; len],
            demo: vec![false; len],
        }
    }

    /// The value of cell `i` and its demo flag, if it has a value.
    pub fn get(&self, i: usize) -> Option<(f64, bool)> {
        let v = *self.values.get(i)?;
        (!v.is_nan()).then(|| (v, self.demo[i]))
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the column has no cells.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Why columns do not fit their grid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {series}: {values} values and {demo} demo flags for a grid of {cells} cells")]
pub struct ColumnLengthError {
    /// The series.
    pub series: String,
    /// Its number of values.
    pub values: usize,
    /// Its number of demo flags.
    pub demo: usize,
    /// The grid's number of cells.
    pub cells: usize,
}

/// The inputs of the definitions as columns over one grid, by semantic series name.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnInputs {
    grid: Grid,
    columns: BTreeMap<String, Column>,
}

impl ColumnInputs {
    /// No columns yet, on `grid`.
    pub fn new(grid: Grid) -> ColumnInputs {
        ColumnInputs {
            grid,
            columns: BTreeMap::new(),
        }
    }

    /// The grid.
    pub fn grid(&self) -> Grid {
        self.grid
    }

    /// Adds (or replaces) the column of `series`; refused unless it has one value and one demo
    /// flag per cell of the grid.
    pub fn insert(
        &mut self,
        series: impl Into<String>,
        column: Column,
    ) -> Result<(), ColumnLengthError> {
        let series = series.into();
        let cells = self.grid.len();
        if column.values.len() != cells || column.demo.len() != cells {
            return Err(ColumnLengthError {
                series,
                values: column.values.len(),
                demo: column.demo.len(),
                cells,
            });
        }
        self.columns.insert(series, column);
        Ok(())
    }

    /// The column of `series`, if there is one.
    pub fn get(&self, series: &str) -> Option<&Column> {
        self.columns.get(series)
    }

    /// Every column, by series name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Column)> {
        self.columns.iter().map(|(s, c)| (s.as_str(), c))
    }

    /// The columns of `series` from an [`Inputs`] table, for the municipalities `codes` (in
    /// that order) and `years`: an observation with a value fills its cell, anything else
    /// leaves it without one.
    pub fn from_inputs(
        inputs: &Inputs,
        series: &[&str],
        codes: &[&str],
        years: RangeInclusive<Year>,
    ) -> ColumnInputs {
        let grid = Grid::new(codes.len(), years.clone());
        let mut out = ColumnInputs::new(grid);
        for s in series {
            let mut col = Column::missing(grid.len());
            for (m, code) in codes.iter().enumerate() {
                for year in years.clone() {
                    let (Some(i), Some(o)) = (grid.index(m, year), inputs.get(s, code, year))
                    else {
                        continue;
                    };
                    if let Some(v) = o.as_value() {
                        col.values[i] = v;
                        col.demo[i] = o.provenance.synthetic;
                    }
                }
            }
            out.columns.insert((*s).to_owned(), col);
        }
        out
    }
}

/// A definition compiled against columns: its kernel and its inputs' columns with their year
/// offsets, found once.
#[derive(Debug, Clone)]
pub struct Compiled<'a> {
    definition: &'a Definition,
    kernel: Kernel,
    percent: bool,
    grid: Grid,
    /// One per need, in the definition's order: the column (none when the series has none: then
    /// no cell has a value) and the year offset.
    inputs: Vec<(Option<&'a Column>, Year)>,
}

impl Definition {
    /// This definition compiled against `columns`, or none when it has no columnar form (the
    /// knowledge-intensive share: a family of series).
    pub fn compile<'a>(&'a self, columns: &'a ColumnInputs) -> Option<Compiled<'a>> {
        if self.kernel == Kernel::PerCellOnly {
            return None;
        }
        let arity = match self.kernel {
            Kernel::Ratio | Kernel::Sum => 2,
            Kernel::Passthrough => 1,
            Kernel::JobGrowth => 4,
            Kernel::PerCellOnly => return None,
        };
        if self.needs.len() != arity {
            return None;
        }
        Some(Compiled {
            definition: self,
            kernel: self.kernel,
            percent: self.unit == Unit::Percent,
            grid: columns.grid,
            inputs: self
                .needs
                .iter()
                .map(|n| (columns.get(n.series), n.year_offset))
                .collect(),
        })
    }
}

impl Compiled<'_> {
    /// The definition compiled.
    pub fn definition(&self) -> &Definition {
        self.definition
    }

    /// The definition for every municipality of the grid and every year of `years`, as a
    /// column over the grid of those municipalities × `years` (NaN: no value; a year whose
    /// inputs fall outside the input grid has none).
    pub fn evaluate(&self, years: RangeInclusive<Year>) -> Column {
        let out_grid = Grid::new(self.grid.codes, years.clone());
        let mut out = Column::missing(out_grid.len());
        let n_out = out_grid.years as isize;
        let n_in = self.grid.years as isize;
        // Each input's shift: the input year index of output year index k is k + shift.
        let mut shifts = Vec::with_capacity(self.inputs.len());
        let mut cols = Vec::with_capacity(self.inputs.len());
        for (col, offset) in &self.inputs {
            let Some(col) = col else {
                return out; // a series without any value: no cell has one
            };
            cols.push(*col);
            shifts.push((out_grid.first_year + offset - self.grid.first_year) as isize);
        }
        // The output years whose every input year is in the grid: lo..hi.
        let lo = shifts.iter().map(|s| (-s).max(0)).max().unwrap_or(0);
        let hi = shifts
            .iter()
            .map(|s| (n_in - s).min(n_out))
            .min()
            .unwrap_or(n_out);
        if lo >= hi {
            return out;
        }
        let len = (hi - lo) as usize;
        for m in 0..self.grid.codes {
            let start_out = m * out_grid.years + lo as usize;
            let input = |j: usize| -> (&[f64], &[bool]) {
                let start = m * self.grid.years + (lo + shifts[j]) as usize;
                (
                    &cols[j].values[start..start + len],
                    &cols[j].demo[start..start + len],
                )
            };
            let values = &mut out.values[start_out..start_out + len];
            let demo = &mut out.demo[start_out..start_out + len];
            match self.kernel {
                Kernel::Ratio => {
                    let ((a, ad), (b, bd)) = (input(0), input(1));
                    for ((v, a), b) in values.iter_mut().zip(a).zip(b) {
                        // formula::ratio / formula::percent: a / b, then 100 × the ratio.
                        *v = if *b > 0.0 {
                            let r = a / b;
                            if self.percent { 100.0 * r } else { r }
                        } else {
                            f64::NAN
                        };
                    }
                    any_demo(demo, &[ad, bd]);
                }
                Kernel::Sum => {
                    let ((a, ad), (b, bd)) = (input(0), input(1));
                    for ((v, a), b) in values.iter_mut().zip(a).zip(b) {
                        *v = a + b;
                    }
                    any_demo(demo, &[ad, bd]);
                }
                Kernel::Passthrough => {
                    let (a, ad) = input(0);
                    values.copy_from_slice(a);
                    demo.copy_from_slice(ad);
                }
                Kernel::JobGrowth => {
                    let ((j1, j1d), (j0, j0d)) = (input(0), input(1));
                    let ((p0, p0d), (p1, p1d)) = (input(2), input(3));
                    for ((((v, j1), j0), p0), p1) in
                        values.iter_mut().zip(j1).zip(j0).zip(p0).zip(p1)
                    {
                        // formula::job_growth_vs_population: undefined unless Δpopulation > 0.
                        let dj = j1 - j0;
                        let dp = p1 - p0;
                        *v = if dp > 0.0 { 100.0 * dj / dp } else { f64::NAN };
                    }
                    any_demo(demo, &[j1d, j0d, p0d, p1d]);
                }
                Kernel::PerCellOnly => {}
            }
        }
        out
    }
}

/// `demo[i]` = whether any of `inputs` is demo at `i`.
fn any_demo(demo: &mut [bool], inputs: &[&[bool]]) {
    for input in inputs {
        for (d, x) in demo.iter_mut().zip(*input) {
            *d |= *x;
        }
    }
}

#[cfg(test)]
mod tests;
