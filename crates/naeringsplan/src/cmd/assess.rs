//! `naeringsplan assess`: staff's written assessment of the plan, a focus area, an indicator or
//! a late action for one report period (the same rules as `/intern/rapport`, in
//! `app::report_review`), and the list of a period's assessments and unexplained deviations.

use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use store::assessments::SubjectKind;

use crate::cmd::report::PeriodArg;
use crate::context::Options;

#[derive(Args, Debug)]
pub struct AssessArgs {
    /// The report year (default: the last year of the plan period).
    #[arg(long)]
    year: Option<i32>,
    /// The whole year, or a half-year.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    period: PeriodArg,
    /// The overall assessment of the whole plan.
    #[arg(long, group = "subject")]
    whole_plan: bool,
    /// A focus area, by its number (e.g. 5.1).
    #[arg(long, value_name = "NUMBER", group = "subject")]
    focus_area: Option<String>,
    /// An indicator, by its id.
    #[arg(long, value_name = "ID", group = "subject")]
    indicator: Option<String>,
    /// An action, by its id (the explanation of a late action).
    #[arg(long, value_name = "ID", group = "subject")]
    action: Option<String>,
    /// The text (empty: withdraw the assessment). Without a subject, the period's assessments
    /// and unexplained deviations are listed.
    #[arg(long, requires = "subject")]
    text: Option<String>,
    /// Publish it (the public report shows published assessments only).
    #[arg(long, requires = "text")]
    publish: bool,
    /// Name recorded as the author (default: cli:$USER).
    #[arg(long = "as", value_name = "NAME")]
    actor: Option<String>,
}

pub async fn run(opts: &Options, args: &AssessArgs) -> anyhow::Result<ExitCode> {
    // The data the report is assembled from (its deviations depend on them).
    let ctx = opts.open_with_data().await?;
    let year = args.year.unwrap_or(ctx.plan.meta.period_end);
    let period = args.period.period();
    let subject = match (
        &args.focus_area,
        &args.indicator,
        &args.action,
        args.whole_plan,
    ) {
        (Some(n), ..) => Some((SubjectKind::FocusArea, n.as_str())),
        (_, Some(id), ..) => Some((SubjectKind::Indicator, id.as_str())),
        (_, _, Some(id), _) => Some((SubjectKind::Action, id.as_str())),
        (.., true) => Some((SubjectKind::Plan, "")),
        _ => None,
    };
    match (subject, &args.text) {
        (Some((kind, id)), Some(text)) => {
            let by = super::cli_actor(args.actor.clone());
            let a = app::report_review::save_assessment(
                &ctx.store,
                &ctx.plan,
                &app::report_review::AssessmentInput {
                    year,
                    period,
                    kind,
                    subject_id: id,
                    text,
                    published: args.publish,
                    by: &by,
                },
            )
            .await?;
            println!(
                "{} {}{}: version {} saved ({})",
                period.label(year),
                kind.as_str(),
                if id.is_empty() {
                    String::new()
                } else {
                    format!(" {id}")
                },
                a.id,
                if a.published { "published" } else { "draft" }
            );
        }
        (Some(_), None) => bail!("give --text (an empty text withdraws the assessment)"),
        (None, _) => {
            let code = &ctx.key;
            for a in ctx
                .store
                .assessments(code, year, period.code(), false)
                .await?
            {
                println!(
                    "{} {} [{}] {} {}: {}",
                    a.kind.as_str(),
                    a.subject_id,
                    if a.published { "published" } else { "draft" },
                    a.by,
                    a.at,
                    a.text.replace('\n', " ")
                );
            }
            let missing =
                app::report_review::unexplained(&ctx.store, &ctx.plan, year, period).await?;
            if missing.is_empty() {
                println!(
                    "every deviation of {} has a published explanation",
                    period.label(year)
                );
            } else {
                println!("unexplained deviations of {}:", period.label(year));
                for m in missing {
                    println!("  {m}");
                }
            }
        }
    }
    ctx.store.close().await;
    Ok(ExitCode::SUCCESS)
}
