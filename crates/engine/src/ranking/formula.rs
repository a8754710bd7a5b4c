//! Formulas over semantic series, as written in a ranking definition.
//!
//! The language is small on purpose:
//!
//! - numbers (`0`, `1.5`), series names (`jobs`, `population_16_66`), and a year offset in
//!   brackets: `population[-2]` is the value two years before the data year, `population[+1]`
//!   the year after (no brackets = the data year itself);
//! - `+ - * /` with the usual precedence, unary minus and parentheses;
//! - `max(a, b)` and `min(a, b)`; missing in → missing out (unlike `f64::max`);
//! - `diversity(family)` or `diversity(family[-1])`: the Gini–Simpson diversity `1 − Σ share²`
//!   over the members `family:*` of a series family (e.g. jobs over industry groups); missing
//!   members are left out, and the value is missing if no member has a value or the sum is
//!   not positive.
//!
//! A missing input, a division by zero or any other non-finite result makes the value missing;
//! a missing value is never read as 0.
//!
//! ```
//! use naeringsplan_engine::ranking::Expr;
//! let e = Expr::parse("population[+1] / population[-2] - 1").unwrap();
//! assert_eq!(e.to_string(), "population[+1] / population[-2] - 1");
//! let refs: Vec<_> = e.series_refs().into_iter().map(|r| (r.name, r.offset)).collect();
//! assert_eq!(refs, vec![("population".to_string(), 1), ("population".to_string(), -2)]);
//! assert!(Expr::parse("jobs / ").is_err());
//! ```

use std::fmt;

use serde::Serialize;
use thiserror::Error;

/// A parsed formula.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Expr {
    /// A constant.
    Number {
        /// The value.
        value: f64,
    },
    /// A series' value in the data year plus `offset` years.
    Series {
        /// Semantic series name.
        name: String,
        /// Year offset relative to the data year (`[-1]` = the year before).
        offset: i32,
    },
    /// Unary minus.
    Neg {
        /// The operand.
        operand: Box<Expr>,
    },
    /// A binary arithmetic operation.
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `max(a, b)` or `min(a, b)`.
    Call {
        /// The function.
        func: Func,
        /// Its two arguments.
        args: Vec<Expr>,
    },
    /// `diversity(family[offset])`: `1 − Σ share²` over the family's members.
    Diversity {
        /// The series family (members are named `family:member`).
        family: String,
        /// Year offset relative to the data year.
        offset: i32,
    },
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinOp {
    fn symbol(self) -> char {
        match self {
            BinOp::Add => '+',
            BinOp::Sub => '-',
            BinOp::Mul => '*',
            BinOp::Div => '/',
        }
    }

    fn precedence(self) -> u8 {
        match self {
            BinOp::Add | BinOp::Sub => 1,
            BinOp::Mul | BinOp::Div => 2,
        }
    }

    /// Applies the operator; a non-finite result is NaN (missing).
    pub(crate) fn apply(self, a: f64, b: f64) -> f64 {
        let r = match self {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => a / b,
        };
        if r.is_finite() { r } else { f64::NAN }
    }
}

/// A function of two arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Func {
    /// The larger argument (missing if either is missing).
    Max,
    /// The smaller argument (missing if either is missing).
    Min,
}

impl Func {
    fn name(self) -> &'static str {
        match self {
            Func::Max => "max",
            Func::Min => "min",
        }
    }

    /// Applies the function, propagating NaN (missing).
    pub(crate) fn apply(self, a: f64, b: f64) -> f64 {
        if a.is_nan() || b.is_nan() {
            return f64::NAN;
        }
        match self {
            Func::Max => a.max(b),
            Func::Min => a.min(b),
        }
    }
}

/// A series a formula reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SeriesRef {
    /// Series (or series family) name.
    pub name: String,
    /// Year offset relative to the data year.
    pub offset: i32,
    /// Whether it is used as a family (inside `diversity(...)`).
    pub family: bool,
}

/// A formula that does not parse: what is wrong and where (a byte offset into the formula).
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, serde::Deserialize)]
#[error("{message} (at character {} of the formula)", .offset + 1)]
pub struct FormulaError {
    /// Byte offset into the formula text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(char),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

fn describe(t: &Tok) -> String {
    match t {
        Tok::Num(n) => format!("number {n}"),
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Op(c) => format!("`{c}`"),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::LBracket => "`[`".into(),
        Tok::RBracket => "`]`".into(),
        Tok::Comma => "`,`".into(),
    }
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, FormulaError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' | b'.' => {
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                let s = &text[start..i];
                let v: f64 = s.parse().map_err(|_| FormulaError {
                    offset: start,
                    message: format!("`{s}` is not a number"),
                })?;
                out.push((start, Tok::Num(v)));
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push((start, Tok::Ident(text[start..i].to_string())));
                continue;
            }
            b'+' | b'-' | b'*' | b'/' => out.push((start, Tok::Op(c as char))),
            b'(' => out.push((start, Tok::LParen)),
            b')' => out.push((start, Tok::RParen)),
            b'[' => out.push((start, Tok::LBracket)),
            b']' => out.push((start, Tok::RBracket)),
            b',' => out.push((start, Tok::Comma)),
            _ => {
                let ch = text[start..].chars().next().unwrap_or('?');
                return Err(FormulaError {
                    offset: start,
                    message: format!(
                        "unexpected character `{ch}` (a formula has series names, numbers, \
                         + - * /, parentheses, [offset], max, min and diversity)"
                    ),
                });
            }
        }
        i += 1;
    }
    Ok(out)
}

struct Parser<'a> {
    toks: &'a [(usize, Tok)],
    pos: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.toks.get(self.pos).map_or(self.end, |(o, _)| *o)
    }

    fn err<T>(&self, message: impl Into<String>) -> Result<T, FormulaError> {
        Err(FormulaError {
            offset: self.offset(),
            message: message.into(),
        })
    }

    fn found(&self) -> String {
        self.peek()
            .map_or_else(|| "the end of the formula".to_string(), describe)
    }

    fn expect(&mut self, t: Tok, what: &str) -> Result<(), FormulaError> {
        if self.peek() == Some(&t) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(format!("expected {what}, found {}", self.found()))
        }
    }

    fn expr(&mut self, min_prec: u8) -> Result<Expr, FormulaError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op('+')) => BinOp::Add,
                Some(Tok::Op('-')) => BinOp::Sub,
                Some(Tok::Op('*')) => BinOp::Mul,
                Some(Tok::Op('/')) => BinOp::Div,
                _ => break,
            };
            if op.precedence() < min_prec {
                break;
            }
            self.pos += 1;
            let right = self.expr(op.precedence() + 1)?;
            left = Expr::Binary {
                op,
                left: Box::new(left),
                right: Box::new(right),
            };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        if self.peek() == Some(&Tok::Op('-')) {
            self.pos += 1;
            let operand = self.unary()?;
            return Ok(Expr::Neg {
                operand: Box::new(operand),
            });
        }
        self.atom()
    }

    fn offset_suffix(&mut self) -> Result<i32, FormulaError> {
        if self.peek() != Some(&Tok::LBracket) {
            return Ok(0);
        }
        self.pos += 1;
        let sign = match self.peek() {
            Some(Tok::Op('-')) => {
                self.pos += 1;
                -1
            }
            Some(Tok::Op('+')) => {
                self.pos += 1;
                1
            }
            _ => 1,
        };
        let n = match self.peek() {
            Some(Tok::Num(n)) if n.fract() == 0.0 && *n <= 100.0 => *n as i32,
            _ => {
                return self.err(format!(
                    "expected a whole number of years (e.g. [-1] or [+2]), found {}",
                    self.found()
                ));
            }
        };
        self.pos += 1;
        self.expect(Tok::RBracket, "`]`")?;
        Ok(sign * n)
    }

    fn atom(&mut self) -> Result<Expr, FormulaError> {
        match self.peek().cloned() {
            Some(Tok::Num(value)) => {
                self.pos += 1;
                Ok(Expr::Number { value })
            }
            Some(Tok::LParen) => {
                self.pos += 1;
                let e = self.expr(0)?;
                self.expect(Tok::RParen, "`)`")?;
                Ok(e)
            }
            Some(Tok::Ident(name)) => {
                self.pos += 1;
                if self.peek() != Some(&Tok::LParen) {
                    if matches!(name.as_str(), "max" | "min" | "diversity") {
                        return self.err(format!("`{name}` is a function: write `{name}(...)`"));
                    }
                    let offset = self.offset_suffix()?;
                    return Ok(Expr::Series { name, offset });
                }
                self.pos += 1;
                match name.as_str() {
                    "max" | "min" => {
                        let func = if name == "max" { Func::Max } else { Func::Min };
                        let a = self.expr(0)?;
                        self.expect(
                            Tok::Comma,
                            &format!("`,` between the two arguments of {name}"),
                        )?;
                        let b = self.expr(0)?;
                        self.expect(
                            Tok::RParen,
                            &format!("`)` after the two arguments of {name}"),
                        )?;
                        Ok(Expr::Call {
                            func,
                            args: vec![a, b],
                        })
                    }
                    "diversity" => {
                        let family = match self.peek().cloned() {
                            Some(Tok::Ident(f)) => f,
                            _ => {
                                return self.err(format!(
                                    "diversity(...) takes a series family name, found {}",
                                    self.found()
                                ));
                            }
                        };
                        self.pos += 1;
                        let offset = self.offset_suffix()?;
                        self.expect(Tok::RParen, "`)` after the family name")?;
                        Ok(Expr::Diversity { family, offset })
                    }
                    other => {
                        self.pos -= 2;
                        self.err(format!(
                            "unknown function `{other}` (known: max, min, diversity)"
                        ))
                    }
                }
            }
            _ => self.err(format!(
                "expected a number, a series name or `(`, found {}",
                self.found()
            )),
        }
    }
}

impl Expr {
    /// Parses a formula.
    pub fn parse(text: &str) -> Result<Expr, FormulaError> {
        let toks = tokenize(text)?;
        if toks.is_empty() {
            return Err(FormulaError {
                offset: 0,
                message: "empty formula".into(),
            });
        }
        let mut p = Parser {
            toks: &toks,
            pos: 0,
            end: text.len(),
        };
        let e = p.expr(0)?;
        if p.pos < toks.len() {
            return p.err(format!("unexpected {} after a complete formula", p.found()));
        }
        Ok(e)
    }

    /// Every series the formula reads, in order of appearance (repeats kept).
    pub fn series_refs(&self) -> Vec<SeriesRef> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect(&self, out: &mut Vec<SeriesRef>) {
        match self {
            Expr::Number { .. } => {}
            Expr::Series { name, offset } => out.push(SeriesRef {
                name: name.clone(),
                offset: *offset,
                family: false,
            }),
            Expr::Neg { operand } => operand.collect(out),
            Expr::Binary { left, right, .. } => {
                left.collect(out);
                right.collect(out);
            }
            Expr::Call { args, .. } => args.iter().for_each(|a| a.collect(out)),
            Expr::Diversity { family, offset } => out.push(SeriesRef {
                name: family.clone(),
                offset: *offset,
                family: true,
            }),
        }
    }

    fn fmt_prec(&self, f: &mut fmt::Formatter<'_>, parent: u8, right_side: bool) -> fmt::Result {
        fn off(f: &mut fmt::Formatter<'_>, o: i32) -> fmt::Result {
            match o {
                0 => Ok(()),
                o if o > 0 => write!(f, "[+{o}]"),
                o => write!(f, "[{o}]"),
            }
        }
        match self {
            Expr::Number { value } => write!(f, "{value}"),
            Expr::Series { name, offset } => {
                f.write_str(name)?;
                off(f, *offset)
            }
            Expr::Neg { operand } => {
                f.write_str("-")?;
                operand.fmt_prec(f, 3, false)
            }
            Expr::Binary { op, left, right } => {
                let p = op.precedence();
                let paren = p < parent || (p == parent && right_side);
                if paren {
                    f.write_str("(")?;
                }
                left.fmt_prec(f, p, false)?;
                write!(f, " {} ", op.symbol())?;
                right.fmt_prec(f, p, true)?;
                if paren {
                    f.write_str(")")?;
                }
                Ok(())
            }
            Expr::Call { func, args } => {
                write!(f, "{}(", func.name())?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    a.fmt_prec(f, 0, false)?;
                }
                f.write_str(")")
            }
            Expr::Diversity { family, offset } => {
                write!(f, "diversity({family}")?;
                off(f, *offset)?;
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_prec(f, 0, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_display_round_trip() {
        for s in [
            "a / b",
            "a - b - c",
            "a - (b - c)",
            "(a + b) * c",
            "a + b * c",
            "-a / b",
            "max(property_tax_commercial, 0) / population",
            "diversity(jobs_by_industry[-1])",
            "population[+1] / population[-2] - 1",
        ] {
            let e = Expr::parse(s).unwrap();
            assert_eq!(e.to_string(), s, "{s}");
            assert_eq!(Expr::parse(&e.to_string()).unwrap(), e);
        }
        // a - b - c is (a - b) - c.
        match Expr::parse("a - b - c").unwrap() {
            Expr::Binary { op, left, .. } => {
                assert_eq!(op, BinOp::Sub);
                assert!(matches!(*left, Expr::Binary { op: BinOp::Sub, .. }));
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn errors_say_where() {
        let cases = [
            ("", 0, "empty formula"),
            ("a / ", 4, "expected a number"),
            ("a # b", 2, "unexpected character `#`"),
            ("a b", 2, "unexpected `b`"),
            ("foo(a)", 0, "unknown function `foo`"),
            ("max(a)", 5, "expected `,`"),
            ("a[x]", 2, "whole number of years"),
            ("a[1", 3, "expected `]`"),
            ("(a + b", 6, "expected `)`"),
            ("diversity(1)", 10, "family name"),
            ("max + 1", 4, "is a function"),
        ];
        for (text, offset, msg) in cases {
            let e = Expr::parse(text).unwrap_err();
            assert_eq!(e.offset, offset, "{text}: {e}");
            assert!(e.message.contains(msg), "{text}: {e}");
        }
    }

    #[test]
    fn nan_propagates_through_max_and_ops() {
        assert!(Func::Max.apply(f64::NAN, 0.0).is_nan());
        assert_eq!(Func::Max.apply(-2.0, 0.0), 0.0);
        assert_eq!(Func::Min.apply(-2.0, 0.0), -2.0);
        assert!(BinOp::Div.apply(1.0, 0.0).is_nan());
        assert!(BinOp::Add.apply(1.0, f64::NAN).is_nan());
    }
}
