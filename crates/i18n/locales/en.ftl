
## charts
charts-quoted-in-the-plan = Quoted in the plan
charts-published-e-g-nho = Published (e.g. NHO)
charts-computed-from-real-data = Computed from real data
charts-demo-data-synthetic-not-judged = Demo data (synthetic, not judged)
charts-small-chart-of-results-one = Small chart of results (one line per source; demo data dotted) and ambitions (circles) by year; the figures are in the table on the indicator page.
charts-results-by-year-one-line = Results by year, one line per source, and ambitions (dashed).{" "}
charts-ambition = ambition
charts-projected = Projected{" "}
charts-ambition-2 = Ambition
charts-projection-real-data = Projection (real data)
charts-rank-1-at-the-top = (rank 1 at the top)
charts-real-values-by-municipality = Real values by municipality
charts-real-values = Real values{" "}
charts-demo-data-is-not-drawn = ; demo data is not drawn.
charts-no-actions = no actions

## error
error-bad-request = Bad request
error-request-too-large = Request too large
error-the-form-has-errors = The form has errors
error-conflict = Conflict
error-precondition-required = Precondition required
error-not-allowed = Not allowed
error-to-the-staff-pages = To the staff pages

## layout
layout-skip-to-content = Skip to content
layout-main-menu = Main menu
layout-indicators = Indicators
layout-focus-areas = Focus areas
layout-key-figures = Key figures
layout-actions = Actions
layout-progress = Progress
layout-ranking = Ranking
layout-report = Report
layout-commercial-land = Commercial land
layout-procurement = Procurement
layout-company-visits = Company visits
layout-sources = Sources
layout-plans = Plans
layout-staff = Staff
layout-the-plan-period-has-ended = The plan period has ended.{" "}
layout-the-plan-covered = The plan covered{" "}
layout-its-figures-actions-and-reports = Its figures, actions and reports remain shown for review. The new plan is{" "}
layout-all-plans = All plans
layout-its-figures-actions-and-reports-2 = Its figures, actions and reports remain shown for follow-up and review; no successor plan is loaded here.
layout-this-is-an-earlier-plan = This is an earlier plan.{" "}
layout-the-new-plan-is = The new plan is{" "}
layout-figures-are-computed-from-official = Figures are computed from official sources where possible; figures quoted from the plan are marked with their source.
layout-last-updated = Last updated:{" "}
layout-newest-data-import-or-action = {" "}(newest data import or action edit, Norwegian time).
layout-demonstration = Demonstration.{" "}
layout-where-real-figures-are-missing = Where real figures are missing, this installation shows demo data: synthetic figures made by a documented generator in the official sources' format. Demo figures are marked "demo" and are never judged against the plan's targets – they demonstrate the method, they are not results. Get real data with{" "}
layout-needs-the-network-or = {" "}(needs the network) or{" "}
layout-demo-data = Demo data.{" "}
layout-some-figures-on-this-page = Some figures on this page were made by a generator in the official sources' format, not taken from them. They are marked "demo", drawn as their own dotted line and not judged.
layout-not-verified-against-ssb = Not verified against SSB:{" "}
layout-table = table{" "}
layout-the-table-id-or-codes = The table id or codes are our best knowledge, not confirmed by public sources; figures from these tables may be missing or mean something else when fetched from SSB.{" "}
layout-see-the-sources = See the sources

## actions
actions-show-all = (show all)
actions-late = late
actions-the-action-plan = The action plan
actions-focus-area = Focus area
actions-all = All
actions-strategy = Strategy
actions-owner = Owner
actions-text-in-action-or-strategy = Text in action or strategy
actions-late-only = Late only
actions-show = Show
actions-of = of
actions-actions = actions
actions-actions-with-strategies-owner-status = Actions with strategies, owner, status and progress.
actions-action = Action
actions-strategies = Strategies
actions-last-changed = Last changed
actions-progress = progress
actions-when-norwegian-time = When (Norwegian time)
actions-who = Who
actions-field = Field
actions-before = Before
actions-after = After
actions-version = Version
actions-partners = Partners
actions-end = End
actions-comment = Comment
actions-drawn-from-the-plan-text = Drawn from the plan text
actions-by = by
actions-carried-over-from = Carried over from
actions-action-2 = action{" "}
actions-in = in
actions-carried-over-to = Carried over to
actions-history = History
actions-every-change-newest-first = Every change, newest first.
actions-history-from = History from{" "}
actions-the-changes-to-action = The changes to action
actions-before-it-was-carried-over = before it was carried over, newest first.

## area
area-monitored-by-the-key-figure = Monitored by the key figure:{" "}
area-year = Year
area-value = Value
area-source = Source
area-no-value = No value:{" "}
area-added-on-adoption-amendment = Added on adoption, amendment{" "}
area-progress-strategies-without-actions-count = Progress (strategies without actions count as 0 %):{" "}
area-progress-by-strategy = Progress by strategy
area-facts = Facts
area-quoted-from-the-plan-s = Quoted from the plan's fact boxes (2019 figures). Figures computed from the registers will appear beside them once imported.
area-fact-quoted = Fact (quoted)
area-section = Section
area-computed = Computed
area-synthetic = synthetic
area-not-computed-yet = not computed yet
area-not-computed = not computed
area-strategies-and-actions = Strategies and actions

## home
home-adopted-by = Adopted by{" "}
home-plan-period = Plan period{" "}
home-the-action-plan-as-it = The action plan as it stands.
home-the-plan-s-indicator-table = The plan's indicator table
home-results-bold-and-ambitions-grey = Results (bold) and ambitions (grey, with ≤/≥) by year, as given in the plan (chapter 6).
home-indicator = Indicator
home-no-value = no value
home-no-results-from-real-data = No results from real data yet
home-ambition = Ambition{" "}
home-demo = demo
home-focus-areas-and-strategies = Focus areas and strategies

## indicator
indicator-latest-result-from-real-data = Latest result from real data:{" "}
indicator-no-results-from-real-data = No results from real data yet.
indicator-demo-value = Demo value{" "}
indicator-made-by-the-demo-generator = made by the demo generator, not a result; not judged.
indicator-figures-by-year = Figures by year
indicator-results-and-ambitions-by-year = Results and ambitions by year. A year may have neither.
indicator-result = Result
indicator-verdict = Verdict
indicator-also = Also:{" "}
indicator-progress-towards-the-target = Progress towards the target
indicator-overridden = overridden
indicator-computed-status = Computed status:{" "}
indicator-overridden-by = Overridden by{" "}
indicator-method = Method
indicator-only-values-from-real-data = Only values from real data enter; demo data never.
indicator-base = Base
indicator-latest = Latest
indicator-target = Target
indicator-annual-change-observed-required = Annual change observed / required
indicator-note = Note
indicator-cannot-be-assessed-yet = Cannot be assessed yet.
indicator-projection-to = Projection to{" "}
indicator-pace = Pace{" "}
indicator-pace-needed-to-reach-the = Pace needed to reach the target from{" "}
indicator-not-a-forecast-only-the = Not a forecast: only the current pace continued.
indicator-compared-with-other-municipalities = Compared with other municipalities
indicator-the-values-are-computed-by = The values are computed by the same definitions for each municipality, on its own borders. The plan's ambitions are those of{" "}
indicator-and-are-not-applied-to = {" "}and are not applied to the others. Demo data is marked and never ranked.
indicator-municipality-codes-to-compare-with = Municipality codes to compare with (comma-separated)
indicator-compare = Compare
indicator-or-find-the-most-similar = Or find the most similar municipalities (how many)
indicator-find-similar = Find similar
indicator-the-municipalities-most-similar-to = The municipalities most similar to{" "}
indicator-in = {" "}in{" "}
indicator-by-a-weighted-distance-over = , by a weighted distance over standardised features (in standard deviations; lower is more similar;{" "}
indicator-municipalities-have-every-feature = {" "}municipalities have every feature):
indicator-features-marked-demo-rest-on = Features marked demo rest on synthetic figures: the choice is an example of the method, not a finding.
indicator-features-and-weights = Features and weights:{" "}
indicator-no-longer-exists-not-compared = (no longer exists; not compared)
indicator-is-number = {" "}is number{" "}
indicator-of = {" "}of{" "}
indicator-among-the-municipalities-here-with = {" "}among the municipalities here with real figures for{" "}
indicator-highest-first = {" "}(highest first).
indicator-lowest-first = {" "}(lowest first).
indicator-by-municipality-and-year = , by municipality and year
indicator-municipality = Municipality
indicator-median-all-municipalities = Median, all municipalities
indicator-median-the-county = Median, the county
indicator-is-at-percentile = {" "}is at percentile{" "}
indicator-among-all = {" "}among all{" "}
indicator-municipalities-with-real-figures-for = {" "}municipalities with real figures for{" "}
indicator-the-share-of-the-other = {" "}(the share of the other municipalities with a lower value). The medians are of real figures; demo data are left out.{" "}
indicator-the-plan-s-municipality-has = The plan's municipality has no real figures to place among all municipalities.{" "}
indicator-every-municipality-s-values-json = Every municipality's values (JSON)
indicator-status-overrides-all-oldest-first = Status overrides (all, oldest first)
indicator-when = When
indicator-justification = Justification
indicator-withdrawn = withdrawn
indicator-override-the-status-staff = Override the status (staff)
indicator-about-the-data = About the data
indicator-download-every-figure-on-this = Download every figure on this page with its source and demo flag:{" "}
indicator-source-tables = Source tables:{" "}
indicator-last-fetched = Last fetched{" "}
indicator-not-fetched-yet = Not fetched yet.
indicator-about-the-indicator = About the indicator
indicator-target-in-the-plan = Target in the plan
indicator-how-a-year-is-judged = How a year is judged
indicator-the-result-is-compared-with = The result is compared with the year's ambition (
indicator-a-year-without-an-ambition = ; a year without an ambition is not judged (the plan's target is shown for information). A value resting on demo data is never judged.
indicator-how-the-figure-is-obtained = How the figure is obtained
indicator-published-by = Published by{" "}
indicator-imported-as-published = ; imported as published.
indicator-computed-by-the-definition = Computed by the definition{" "}
indicator-of-the-plan-s-chapter = {" "}of the plan's chapter 9, from the statistics in the store. A year with both a computed figure and one quoted from the plan shows both; the value that counts is the computed one, then the published one, then the plan's, and real data always comes before demo data.
indicator-percentage-points = percentage points

## key-figures
key-figures-missing = missing
key-figures-key-figures-for = Key figures for
key-figures-the-key-figures-of-the = The key figures of the plan's chapter 3 (
key-figures-computed-from-the-statistics-in = ), computed from the statistics in the store for the chosen municipality and year by the same definitions as the indicators. The plan's own figures stand beside where the plan quotes one. Values marked "demo" rest on synthetic demo data; they are shown, but neither compared nor judged.
key-figures-compare-with-municipality-codes-comma = Compare with (municipality codes, comma-separated)
key-figures-key-figure = Key figure
key-figures-the-plan-s-figure = The plan's figure
key-figures-not-quoted = not quoted
key-figures-missing-2 = Missing:{" "}
key-figures-the-plan = The plan:{" "}
key-figures-compared-with-other-municipalities = compared with other municipalities
key-figures-download-every-figure-on-this = Download every figure on this page with its year, source and demo flag:{" "}
key-figures-the-same-figures-on-the = The same figures on the command line:{" "}
key-figures-sources = Sources:{" "}
key-figures-statistics-last-fetched = Statistics last fetched{" "}
key-figures-the-statistics-have-not-been = The statistics have not been fetched yet.
key-figures-more-about-the-sources = More about the sources
key-figures-job-coverage-is-here-jobs = Job coverage is here jobs as a percentage of employed residents (the plan's chapter 9 defines the ratio; 0.77 = 77 %). Population growth is the change from 1 January the year before. The public-sector share is jobs minus private-sector jobs (SSB 13472), as a percentage of all jobs. The register figures are those of the latest snapshot of the Central Coordinating Register, not the chosen year.

## local-registers
local-registers-synthetic-data = SYNTHETIC DATA.{" "}
local-registers-map-of-the-commercial-land = Map of the commercial land sites, coloured by availability. The table below holds the same information.
local-registers-simple-projection-longitude-scaled-by = Simple projection (longitude scaled by cos(latitude)), no background map.
local-registers-the-plan-says-the-municipality = The plan says the municipality shall at all times have an overview of available commercial land, and that there are no statistics of suitability, size and additions/withdrawals (§5.9.2). This is that register: every change is dated and kept, and the yearly figures are computed from the changes.
local-registers-download-every-recorded-change = Download every recorded change:{" "}
local-registers-example-data-marked-synthetic = (example data, marked SYNTHETIC)
local-registers-the-plan-s-2019-figures = The plan's 2019 figures
local-registers-dekar-in-use-for-business = dekar in use for business (including public services), and
local-registers-dekar-set-aside-for-future = dekar set aside for future use.
local-registers-source-quoted-not-computed = Source (quoted, not computed):{" "}
local-registers-the-plan-s-figures-cover = The plan's figures cover the whole municipality; the register only the sites entered. They are therefore shown side by side, not combined.
local-registers-map = Map
local-registers-per-year = Per year
local-registers-no-commercial-land-has-been = No commercial land has been registered yet.
local-registers-stock-at-year-end-and = Stock at year end and changes during the year, dekar
local-registers-in-use-built-out = In use (built out)
local-registers-set-aside-available-reserved = Set aside (available + reserved)
local-registers-additions = Additions
local-registers-withdrawals = Withdrawals
local-registers-of-which-to-housing = Of which to housing
local-registers-built-out-in-the-year = Built out in the year
local-registers-stock-by-use-class-and = Stock by use class and availability at the end of{" "}
local-registers-use-class = Use class
local-registers-the-sites-today = The sites today
local-registers-each-site-as-the-register = Each site as the register has it today
local-registers-name = Name
local-registers-place = Place
local-registers-area-daa = Area (daa)
local-registers-zoning = Zoning
local-registers-availability = Availability
local-registers-to-hub-m = To hub (m)
local-registers-additions-are-increases-of-area = Additions are increases of area that is available, reserved or built out (new sites, enlargements); withdrawals are decreases (converted to housing, taken out of the plan, smaller area). Each site is compared at the end of the year with the end of the year before.
local-registers-the-municipality-keeps-the-register = The municipality keeps the register itself (imported with{" "}
local-registers-every-change-is-dated-and = ); every change is dated and kept.{" "}
local-registers-last-recorded = Last recorded{" "}
local-registers-no-change-has-been-recorded = No change has been recorded yet
local-registers-files = files:{" "}
local-registers-download = Download:{" "}
local-registers-amount-nok = Amount (NOK)
local-registers-local = Local
local-registers-neighbours = Neighbours
local-registers-elsewhere = Elsewhere
local-registers-smes = SMEs
local-registers-headcount-withheld = Headcount withheld
local-registers-not-placed = Not placed
local-registers-download-the-figures-on-this = Download the figures on this page, with example data marked:{" "}
local-registers-local-procurement = Local procurement
local-registers-the-plan-the-municipality-keeps = The plan: the municipality keeps no overview of, nor reports on, local procurement (§5.7.2). Here the supplier ledger is joined with the Central Coordinating Register on organisation number: the supplier's business address decides whether a purchase is local, in a neighbouring municipality or elsewhere.
local-registers-shares-are-of-the-spend = Shares are of the spend with suppliers that could be placed. "Not placed" (unknown or deleted organisation number, bankrupt, no address, no number) is a share of all spend, and never guessed. SME: fewer than 250 employees in the register (or none registered); public bodies and withheld headcounts are counted apart. Neighbouring municipalities:{" "}
local-registers-register = Register:{" "}
local-registers-no-supplier-ledger-has-been = No supplier ledger has been imported yet.
local-registers-by-category = By category,{" "}
local-registers-category = Category
local-registers-suppliers-that-could-not-be = Suppliers that could not be placed, largest first. Rows without an organisation number are shown without a name (they may be private persons).
local-registers-organisation-number = Organisation number
local-registers-supplier = Supplier
local-registers-reason = Reason
local-registers-not-shown = (not shown)
local-registers-sources-the-municipality-s-supplier = Sources: the municipality's supplier ledger (
local-registers-last-imported = last imported{" "}
local-registers-not-imported-yet = not imported yet
local-registers-and-the-central-coordinating-register = ) and the Central Coordinating Register (
local-registers-not-loaded = not loaded
local-registers-download-at-the-bronnoysund-register = download at the Brønnøysund Register Centre
local-registers-the-file-holds-amounts-and = The file holds amounts and shares per year and per category; suppliers that could not be placed are in the table above, not in the file.
local-registers-the-mayor-takes-the-initiative = The mayor takes the initiative for regular company visits (the plan's foreword). Shown here are the numbers of visits and dialogue meetings per year, per industry and per part of the municipality. Who took part and what was said are personal data, shown to staff only, and deleted after the retention period.
local-registers-no-visits-have-been-recorded = No visits have been recorded yet.
local-registers-visits = visits
local-registers-follow-ups = follow-ups,{" "}
local-registers-of-them-linked-to-strategies = of them linked to strategies or actions.
local-registers-by-industry-sn2007-section = By industry (SN2007 section)
local-registers-industry = Industry
local-registers-visits-2 = Visits
local-registers-unknown = unknown
local-registers-by-part-of-the-municipality = By part of the municipality
local-registers-area = Area
local-registers-not-given = not given
local-registers-source-the-municipality-s-own = Source: the municipality's own register of company visits, kept by staff; the industry comes from the Central Coordinating Register by organisation number. The file holds counts per year, industry, area and kind only, never who took part or what was said.

## pages
pages-page-not-found = Page not found
pages-to-the-front-page = To the front page

## plans
plans-the-municipality-s-business-plans = The municipality's business plans in this service, oldest first. The newest is current; an earlier plan is still shown with its actions, history, progress and reports as they stood. Actions carried over to a new plan link to the action they came from.
plans-stored-plan-versions = Stored plan versions
plans-plan = Plan
plans-period = Period
plans-adopted = Adopted
plans-status = Status
plans-current-plan = Current plan
plans-earlier-plan = Earlier plan
plans-the-period-has-ended = {" "}(the period has ended)

## progress
progress-the-progress-of-each-action = The progress of each action (0–100 %) is rolled up to the strategies, the focus areas and the whole plan. A strategy without actions counts as 0 % in the figure for its focus area and the whole plan, so the figure never shows more progress than the actions cover; the progress of the strategies that have actions is shown beside it. Every strategy counts equally. Cancelled actions are left out.{" "}
progress-here-weighted-within-each-strategy = Here weighted: within each strategy the actions count with their weight (default 1).{" "}
progress-show-the-plain-mean = Show the plain mean
progress-here-as-the-mean-of = Here as the mean of the actions in each strategy.{" "}
progress-show-weighted = Show weighted
progress-the-whole-plan = The whole plan:{" "}
progress-the-whole-plan-2 = The whole plan
progress-progress-of-the-strategies-that = Progress of the strategies that have actions:{" "}
progress-strategies-without-actions = Strategies without actions
progress-strategies-with-actions-and-progress = Strategies with actions and progress

## ranking
ranking-municipal-ranking = Municipal ranking
ranking-back-to-the-ranking = Back to the ranking
ranking-rank = rank
ranking-data-year = Data year{" "}
ranking-edition = edition{" "}
ranking-municipalities-as-of = municipalities as of{" "}
ranking-ranked = ranked
ranking-this-is-not-nho-s = This is not NHO's Kommune-NM
ranking-our-own-computation-on-nho = : our own computation on NHO's public structure (19 indicators in five groups). NHO's weights and normalisation are not public; the departures are listed at the end.
ranking-download-the-ranking-shown = Download the ranking shown:{" "}
ranking-with-synthetic-inputs-flagged = {" "}(with synthetic inputs flagged).
ranking-data-year-2 = Data year
ranking-edition-2 = edition
ranking-county = County
ranking-all-of-norway = All of Norway
ranking-rank-2 = Rank{" "}
ranking-rank-3 = rank{" "}
ranking-gap-to-the-rank-above = Gap to the rank above
ranking-points = points
ranking-gap-to-10th-place = Gap to 10th place
ranking-margin-over-10th-place = Margin over 10th place
ranking-score-and-rank-per-group = Score and rank per group
ranking-group = Group
ranking-score = Score
ranking-rank-4 = Rank
ranking-missing-indicators = Missing indicators
ranking-sensitivity-one-indicator-changed-everything = Sensitivity: one indicator changed, everything else held
ranking-value-now = Value now
ranking-1-standard-deviation = +1 standard deviation
ranking-county-median = County median
ranking-all-19-indicators = All 19 indicators
ranking-value-score-and-rank-per = Value, score and rank per indicator
ranking-mean = Mean
ranking-data = Data
ranking-group-mean = (group mean)
ranking-real = real
ranking-not-ranked-this-year = not ranked this year.
ranking-all-municipalities = All municipalities
ranking-show-all-of-norway = Show all of Norway
ranking-show-only = Show only{" "}
ranking-total-rank-county-rank-and = Total rank, county rank and rank per group, data year{" "}
ranking-the-plan-s-municipality-is = The plan's municipality is highlighted.
ranking-in-county = In county
ranking-where-the-index-departs-from = Where the index departs from NHO's method
ranking-the-plan-s-municipality = the plan's municipality
ranking-not-ranked = not ranked
ranking-published-by-nho-and-our = Published by NHO and our computation
ranking-nho-s-published-rank-edition = NHO's published rank (edition{" "}
ranking-beside-our-computation-published-computed = ) beside our computation; published / computed
ranking-total = Total
ranking-computed-our-own-index-not = Computed = our own index, not NHO's; "synthetic" = rests on synthetic inputs.
ranking-computed-from-synthetic-data = computed from synthetic data

## report
report-status-report-to-the-council = Status report to the council
report-the-report-is-generated-from = The report is generated from the same data shown here: the indicators against their ambitions, the ranking, the focus areas with strategies and actions, deviations and sources. The report downloads in the language of this page; the plan's own texts (strategies, actions) stay in Norwegian as written.
report-a-period-marked-final-downloads = A period marked "Final" downloads as the report was when it was marked final; the others are generated from the data when downloaded.
report-download = Download
report-final = Final
report-marked = marked
report-final-reports = Final reports
report-a-final-report-is-stored = A final report is stored as it was when it was marked final and does not change when the data change. The checksum (SHA-256) shows that a file is the same.

## sources
sources-none = none
sources-verified = verified
sources-not-verified-against-ssb = not verified against SSB
sources-never = never
sources-table = Table{" "}
sources-not-verified-against-ssb-2 = Not verified against SSB.{" "}
sources-the-table-id-or-the = The table id or the codes are our best knowledge and are not confirmed by public sources. Figures from this table may not arrive, or may mean something else, when it is fetched from SSB.
sources-replaces-table = Replaces table{" "}
sources-not-fetched-from-ssb-no = Not fetched from SSB: no known table (placeholder).
sources-evidence = Evidence
sources-series-from-the-table = Series from the table
sources-series = Series
sources-codes = Codes
sources-real-years = Real years
sources-demo-years-synthetic = Demo years (synthetic)
sources-rows = Rows
sources-last-imported = Last imported
sources-where-every-figure-comes-from = Where every figure comes from: which SSB table, whether the table id and codes are confirmed by public sources, and which years rest on real data and which only have demo data (synthetic figures made by naeringsplan, not published by SSB).
sources-tables-are-verified = tables are verified
sources-series-are-verified = series are verified
sources-series-have-real-data-in = series have real data in the store.
sources-tables-marked-not-verified-against = Tables marked "not verified against SSB" rest on our best knowledge. See the note at each table.
sources-the-indicators-real-or-demo = The indicators: real or demo data
sources-real-data = Real data
sources-demo-data = Demo data
sources-no-value = No value
sources-series-2 = Series
sources-tables-and-series = Tables and series
sources-the-same-as-json = The same as JSON:{" "}
sources-fetch-real-figures = Fetch real figures:{" "}

## staff-actions
staff-actions-the-title-may-not-be = The title may not be empty.
staff-actions-the-start-date-must-be = The start date must be YYYY-MM-DD.
staff-actions-the-end-date-must-be = The end date must be YYYY-MM-DD.
staff-actions-the-end-date-is-before = The end date is before the start date.
staff-actions-choose-a-status = Choose a status.
staff-actions-progress-must-be-a-whole = Progress must be a whole number from 0 to 100.
staff-actions-the-weight-must-be-a = The weight must be a number from 0 to 1 000 000, or empty.
staff-actions-new-action = New action
staff-actions-edit-action = Edit action
staff-actions-the-action-was-changed-by = The action was changed by someone else
staff-actions-someone-saved-changes-after-you = Someone saved changes after you opened the form. Nothing you typed was saved, and nothing was overwritten. See what changed, adjust the form if needed and save again.
staff-actions-changed-meanwhile = Changed meanwhile
staff-actions-now = Now:{" "}
staff-actions-version = version{" "}
staff-actions-the-form-has-errors = The form has errors:
staff-actions-short-and-unique-e-g = Short and unique, e.g. T12.
staff-actions-title = Title
staff-actions-description = Description
staff-actions-one-per-line = One per line.
staff-actions-start-date = Start date
staff-actions-end-date = End date
staff-actions-progress-0-100 = Progress (0–100 %)
staff-actions-weight-in-the-roll-up = Weight in the roll-up (optional)
staff-actions-strategies-in = Strategies in{" "}
staff-actions-save = Save
staff-actions-the-id-must-be-1 = The id must be 1–32 characters without spaces, /, ? or #.

## staff-bulk
staff-bulk-import-and-export = Import and export
staff-bulk-the-file-was-not-imported = The file was not imported. Nothing was changed. Problems:
staff-bulk-export = Export
staff-bulk-download-the-action-plan-as = Download the action plan as CSV
staff-bulk-download-as-excel-xlsx = Download as Excel (XLSX)
staff-bulk-import = Import
staff-bulk-upload-a-csv-or-xlsx = Upload a CSV or XLSX file with the same columns as the export. Rows with a known id update that action (with the "version" column only if nobody changed it since), new ids create actions. Everything is saved together, or nothing.
staff-bulk-file-csv-or-xlsx = File (CSV or XLSX)
staff-bulk-import-2 = Import
staff-bulk-the-file-is-too-large = The file is too large (over 5 MB).
staff-bulk-the-upload-was-cut-off = The upload was cut off or is malformed; try again.
staff-bulk-choose-a-file = Choose a file.

## staff-home
staff-home-staff-pages = Staff pages
staff-home-you-have-read-only-access = You have read-only access and cannot change actions.
staff-home-deadlines = Deadlines
staff-home-no-action-is-overdue-or = No action is overdue or due within 30 days.
staff-home-overdue = Overdue
staff-home-end-date = end date{" "}
staff-home-due-within-30-days = Due within 30 days
staff-home-edit = Edit
staff-home-latest-changes = Latest changes
staff-home-the-latest-changes-to-all = The latest changes to all actions.

## staff-indicators
staff-indicators-status-of = Status of
staff-indicators-in-force-overridden = In force (overridden):{" "}
staff-indicators-see-the-indicator-and-its = See the indicator and its history
staff-indicators-new-status = New status
staff-indicators-withdraw-the-override-use-the = Withdraw the override (use the computed status)
staff-indicators-justification-required-shown-publicly = Justification (required, shown publicly)
staff-indicators-unknown-status = Unknown status.
staff-indicators-the-status-is-overridden = The status is overridden.
staff-indicators-the-override-is-withdrawn = The override is withdrawn.

## staff-login
staff-login-log-in = Log in
staff-login-for-the-municipality-s-staff = For the municipality's staff who follow up the plan.
staff-login-user-name = User name
staff-login-password = Password
staff-login-this-account-has-no-access = This account has no access to this municipality's plan.
staff-login-wrong-user-name-or-password = Wrong user name or password.
staff-login-second = second
staff-login-seconds = seconds
staff-login-minute = minute
staff-login-minutes = minutes

## staff
staff-staff-menu = Staff menu
staff-actions-staff = Actions (staff)
staff-earlier-plans = Earlier plans
staff-report-assessments = Report assessments
staff-users = Users
staff-logged-in-as = Logged in as{" "}
staff-log-out = Log out

## staff-plans
staff-plans-an-action-of-an-earlier = An action of an earlier plan can be carried over to the plan this site shows now
staff-plans-it-becomes-a-new-action = : it becomes a new action there with the same content, status and progress, linked to the old action, whose history is still shown. Strategies the new plan does not have are left out. The old action is not changed.
staff-plans-there-is-no-earlier-plan = There is no earlier plan of the municipality in the database.
staff-plans-the-plan-s-actions-and = The plan's actions and whether they have been carried over
staff-plans-carry-over = Carry-over
staff-plans-carried-over-as = Carried over as{" "}
staff-plans-id-in-the-new-plan = Id in the new plan
staff-plans-carry-over-2 = Carry over{" "}
staff-plans-not-carried-over = Not carried over

## staff-report
staff-report-deviation = Deviation:{" "}
staff-report-saved = Saved.
staff-report-current-version-by = Current version by{" "}
staff-report-published = published
staff-report-draft-not-published = draft (not published)
staff-report-assessment = Assessment
staff-report-published-shown-in-the-public = Published (shown in the public report)
staff-report-save-the-assessment = Save the assessment
staff-report-the-report-s-assessments = The report's assessments
staff-report-the-whole-year = The whole year
staff-report-first-half-year = First half-year
staff-report-second-half-year = Second half-year
staff-report-the-assessments-go-into-the = The assessments go into the report for the period. Published assessments show in the public report; drafts only in the preview. Each save is a new version.
staff-report-preview-the-report-html = Preview the report (HTML)
staff-report-as-pdf = as PDF
staff-report-final-report = Final report
staff-report-marked-final = marked final
staff-report-the-assessments-can-no-longer = The assessments can no longer be changed.
staff-report-see-it-on-the-report = See it on the report page
staff-report-mark-as-final = Mark as final
staff-report-every-deviation-has-a-published = Every deviation has a published explanation. Once final, the files (PDF, Word, HTML, Markdown) are stored with SHA-256 and never change, even when the data do.
staff-report-mark-the-report-final = Mark the report final
staff-report-the-report-cannot-be-marked = The report cannot be marked final yet: these deviations lack a published explanation:
staff-report-overall-assessment = Overall assessment
staff-report-late-actions = Late actions

## staff-users
staff-users-staff-with-access = Staff with access
staff-users-shown-publicly-as = Shown publicly as
staff-users-role = Role
staff-users-account = Account
staff-users-change = Change
staff-users-disabled = disabled
staff-users-active = active
staff-users-role-for = Role for{" "}
staff-users-set-role = Set role
staff-users-enable = Enable
staff-users-disable = Disable
staff-users-new-user = New user
staff-users-display-name = Display name
staff-users-shown-publicly-for-the-user = Shown publicly for the user's changes, never the user name. Empty: the role («redaktør»).
staff-users-at-least = At least{" "}
staff-users-characters = {" "}characters.
staff-users-add = Add
staff-users-unknown-role-choose-viewer-editor = Unknown role: choose viewer, editor or admin.
staff-users-added = Added
staff-users-unknown-user = Unknown user.
staff-users-you-cannot-remove-your-own = You cannot remove your own admin role.
staff-users-unknown-role = Unknown role.
staff-users-you-cannot-disable-yourself = You cannot disable yourself.
staff-users-unknown-operation = Unknown operation.
staff-users-changed = Changed

## staff-visits
staff-visits-record-a-visit = Record a visit
staff-visits-company-name-if-not-in = Company name (if not in the register)
staff-visits-date = Date
staff-visits-kind = Kind
staff-visits-company-visit = Company visit
staff-visits-dialogue-meeting = Dialogue meeting
staff-visits-part-of-the-municipality = Part of the municipality
staff-visits-participants-one-per-line = Participants (one per line)
staff-visits-topics-one-per-line = Topics (one per line)
staff-visits-follow-ups-one-per-line = Follow-ups (one per line, strategies and actions in brackets at the end: "Text [5.7-s1, T3]")
staff-visits-save-the-visit = Save the visit
staff-visits-recorded-visits-personal-data-staff = Recorded visits (personal data: staff only)
staff-visits-company = Company
staff-visits-participants = Participants
staff-visits-topics = Topics
staff-visits-follow-ups = Follow-ups
staff-visits-deletion-after-the-retention-period = Deletion after the retention period
staff-visits-delete-visits-older-than-months = Delete visits older than (months)
staff-visits-the-counts-are-kept-in = The counts are kept in the statistics, without names or text.
staff-visits-delete-old-visits = Delete old visits
staff-visits-company-visits-staff = Company visits (staff)
staff-visits-public-statistics-of-the-visits = Public statistics of the visits
staff-visits-the-organisation-number-is-not = The organisation number is not valid
staff-visits-the-date = The date
staff-visits-is-not-a-strategy-or = is not a strategy or action of the plan.
staff-visits-the-company-is-not-in = The company is not in the register; type its name.
staff-visits-visit = Visit
staff-visits-delete-the-visit = Delete the visit
staff-visits-all-visits = All visits
staff-visits-visits-dated-before = visits dated before
staff-visits-were-deleted = were deleted.

## plan: action status
status-not-started = Not started
status-in-progress = In progress
status-completed = Completed
status-delayed = Delayed
status-on-hold = On hold
status-cancelled = Cancelled

## i18n: the crate's own test
i18n-test-count = { $n ->
    [one] one { $what }
   *[other] { $n } { $what }
}

## guard and API refusals
guard-not-allowed = Not allowed.
guard-read-only = You have read-only access.
guard-admins-only = Only administrators can do this.
guard-csrf-missing = The form lacks a valid security token (CSRF). Reload the page and try again.
api-token-may-not-change-actions = this token's user may not change actions

## verdicts (an indicator's year judged against the plan's ambition)
verdict-achieved = Met
verdict-not-achieved = Not met
verdict-no-data = Cannot be judged (no data)
verdict-no-ambition = No ambition this year
verdict-demo-not-judged = Demo data – not judged

## engine: labels of sources, verdicts, checks, projections and trends
value-basis-computed = computed
value-basis-imported = imported published figure
value-basis-plan-quote = quoted in the plan

source-plan-quote = quoted in the plan
source-published = published figure
source-computed = computed from real data
source-demo = demo data

verdict-inline-achieved = achieved
verdict-inline-not-achieved = not achieved
verdict-inline-no-data = no data
verdict-inline-no-ambition = no ambition
verdict-inline-demo-not-judged = demo data – not judged

check-outcome-met = met
check-outcome-not-met = not met
check-outcome-no-data = cannot be judged

projection-verdict-target-reached = target reached
projection-verdict-on-track = on track for the target
projection-verdict-needs-faster-pace = needs a faster pace
projection-verdict-not-reached = target not reached
projection-verdict-no-target = no target to judge against
projection-verdict-demo-not-judged = not judged – demo data
projection-verdict-not-available = cannot be projected

trend-status-target-achieved = target achieved
trend-status-substantial-progress = substantial progress
trend-status-moderate-progress = moderate progress
trend-status-limited-progress = limited progress
trend-status-deterioration = deterioration
trend-status-not-available = not available

growth-cagr = Open SDG: compound annual growth (CAGR) observed against that required to reach the target
growth-absolute-change = absolute change per year (percentage points) observed against that required to reach the target (for shares and ratios, which can be zero or negative, instead of Open SDG's growth rate)

## engine: the reasoning behind a year's verdict (values come formatted)
judge-rank = rank { $rank }
judge-ambition-year = Ambition { $year }
judge-headline-rule = Headline rule
judge-check-without-value = { $what } ({ $op } { $target }): no value – { $outcome }
judge-increase-from = Increase from { $previous }
judge-decrease-from = Decrease from { $previous }
judge-no-previous-value = { $what }: no value for { $previous } to compare with – { $outcome }
judge-no-value-to-compare = { $what }: no value for { $year } – { $outcome }
judge-value-is = The value for { $year } is { $value } ({ $source }).
judge-value-is-synthetic = The value for { $year } is { $value } ({ $source }, SYNTHETIC DATA).
judge-no-value = No value for { $year } (neither computed, imported nor quoted in the plan).
judge-ambition-is = The ambition for { $year } is { $op } { $target }.
judge-ambition-is-rank = The ambition for { $year } is rank { $op } { $target }.
judge-no-ambition = The plan sets no ambition for { $year }.
judge-value-demo-not-judged = The value rests on demo (synthetic) data and is not judged.
judge-previous-demo-not-judged = The value for { $previous } rests on demo data; the comparison with it is not judged.
judge-for-information = { $check } (for information).
judge-verdict = Verdict: { $verdict }.

## web: indicator cards
indicators-no-real-results-yet = No results from real data yet.

## maps
maps-map-data-kartverket-cc-by = Map data: © Kartverket, CC BY 4.0
maps-projection-utm-zone-33-epsg = Projection UTM zone 33 (EPSG:25833).
maps-demo-data-not-real-figures = Demo data – not real figures.
maps-the-plan-s-municipality-circled = the plan's municipality (circled)
maps-thick-lines-are-county-borders = Thick lines are county borders.{" "}

## indicator
indicator-demo = {" "}(demo)
indicator-demo-value-not-shown-as = (demo value, not shown as real)
indicator-below = below{" "}
indicator-and-above = {" "}and above
indicator-all-values = all values
indicator-map-of-every-municipality-coloured = Map of every municipality, coloured by the indicator's value. The values are available as JSON (the link above).
indicator-in-fifths-darker-is-a = , in fifths (darker is a higher value).
indicator-demo-values-are-not-coloured = Demo values are not coloured as real.
indicator-every-municipality-on-a-map = Every municipality on a map

## local-registers
local-registers-map-of-the-commercial-land-2 = Map of the commercial land sites, coloured by availability, on the municipal border with the neighbouring municipalities around it. The table below holds the same information.
local-registers-the-register-s-sites-today = The register's sites today, on the municipal border (2024 borders).{" "}
local-registers-neighbouring-municipalities-on-the-map = Neighbouring municipalities on the map (light):{" "}
local-registers-example-data-not-the-municipality = Example data – not the municipality's sites.
local-registers-projection-utm-zone-33-epsg = Projection UTM zone 33 (EPSG:25833), no background map.{" "}

## ranking
ranking-no-outlines-for-the-municipal = No outlines for the municipal borders of{" "}
ranking-map-of-the-municipalities-coloured = Map of the municipalities, coloured by total rank. The table below holds the same figures.
ranking-total-rank-data-year = Total rank, data year{" "}
ranking-in-fifths-the-darkest-is = , in fifths (the darkest is the best); the municipal borders of{" "}

## app: the action plan as a spreadsheet (columns, problems)
sheet-column-id = id
sheet-column-title = title
sheet-column-description = description
sheet-column-strategies = strategies
sheet-column-owner = owner
sheet-column-partners = partners
sheet-column-start = start
sheet-column-end = end
sheet-column-status = status
sheet-column-progress = progress
sheet-column-comment = comment
sheet-column-weight = weight
sheet-column-version = version
sheet-row-column = row { $row }, column { $column }: { $message }
sheet-row = row { $row }: { $message }
sheet-column-twice = the column appears twice
sheet-unknown-column = unknown column — expected some of { $columns }
sheet-no-id-column = the header has no id column
sheet-empty-id = empty id
sheet-id-again = action { $id } appears again (first on row { $first })
sheet-unknown-status = unknown status "{ $value }" — expected one of { $statuses }
sheet-not-progress = "{ $value }" is not a whole number from 0 to 100
sheet-not-date = "{ $value }" is not a date YYYY-MM-DD
sheet-not-weight = "{ $value }" is not a number ≥ 0
sheet-not-version = "{ $value }" is not a version number
sheet-unknown-strategy = unknown strategy "{ $value }"
sheet-empty-title = empty title
sheet-new-needs-title = new action { $id } needs a title
sheet-problems = { $n ->
    [one] One problem; nothing was imported:
   *[other] { $n } problems; nothing was imported:
}
sheet-more-problems = … and { $more } more { $more ->
    [one] problem
   *[other] problems
} (the first { $shown } are shown)
sheet-conflict = { $problem }; nothing was imported — try again

## staff: spreadsheet import results
staff-bulk-imported = Imported: { $created } new, { $updated } changed, { $unchanged } unchanged.
staff-bulk-nothing-imported = { $file }: nothing was imported.

## startup
startup-the-server-could-not-start = The server could not start
startup-preparing-data = Preparing data …
startup-the-service-has-just-started = The service has just started and is loading its bundled data (statistics from SSB and KLASS, a SYNTHETIC demo register). This page reloads by itself.
startup-the-data-could-not-be = The data could not be loaded, so the pages cannot be shown. The error is in the service's log:
startup-step = Step { $number } of { $of }: { $what }{ $count }
startup-step-import-files = importing KLASS and SSB tables, files
startup-step-demo-register = generating the SYNTHETIC demo register (Central Coordinating Register), rows read
startup-step-examples = loading SYNTHETIC example data (commercial land, procurement)
startup-step-evaluate = computing the indicators and the ranking

## engine: projection to the plan's end (values come formatted)
projection-window-trend = the same period and pace as the trend status
projection-window-latest = the latest real values
projection-method-linear = latest real value continued at the average change per year of the period (linear; { $window })
projection-method-cagr = latest real value continued at the compound annual growth rate (CAGR) of the period ({ $window })
projection-method-average = the average of the real values of the period ({ $window }); the indicator is held to the same bar every year and varies from year to year, so its change is not continued
projection-no-target = the plan sets no target; projected to { $to_year }: { $projected }
projection-reached = the latest real value ({ $latest_year }: { $latest }) meets the target { $target } for { $target_year }
projection-passed = the target year { $target_year } has passed; the latest real value ({ $latest_year }: { $latest }) did not reach the target { $target }
projection-average-meets = the average { $first_year }–{ $latest_year } is { $at_target_year }, which meets the bar { $target } for { $target_year }
projection-average-misses = the average { $first_year }–{ $latest_year } is { $at_target_year }, which does not meet the bar { $target } for { $target_year }
projection-pace-meets = at the pace from { $first_year } to { $latest_year } the value becomes { $at_target_year } in { $target_year }, which meets the target { $target }
projection-pace-misses = at the pace from { $first_year } to { $latest_year } the value becomes { $at_target_year } in { $target_year }, which does not meet the target { $target }
projection-period-over = the latest real value is from { $latest_year }; the plan period ends { $to_year }
projection-needs-two-years = needs real values for at least two years
projection-latest-demo = the latest values are demo (synthetic) data; nothing is projected from them
projection-no-real-values = no values from real data

## local registers: demo notes
local-registers-land-invented = The land register holds invented sites (example data), not the municipality's figures.
local-registers-ledger-invented = The supplier ledger and/or the register are invented (example data), not the municipality's purchases.
local-registers-visits-invented = The visits are invented (example data).

## staff flows (issue 19 item 5)
staff-saved = Saved.
staff-status-update = Update the status
staff-status-hint = Only status, progress and comment. The change is recorded in the history; the rest of the action is edited in the form below.
staff-status-save = Save the status
staff-status-label = Status
staff-full-edit = Everything about the action
staff-view-public-page = View the public page
staff-edit-action-link = Edit the action
staff-edit-indicator-link = Edit: override the status
staff-visits-find-company = Find the company in the Central Coordinating Register
staff-visits-search-name = Company name
staff-visits-find-hint = Searches the register loaded, among the units in the municipality. Choose a match to fill in the organisation number.
staff-visits-search = Search
staff-visits-no-register = No register data is loaded, so there is nothing to search. Type the organisation number.
staff-visits-too-short = Type at least two characters of the name.
staff-visits-no-hits = No matches for “{ $query }”.
staff-visits-hits = { $count } matches for “{ $query }” (at most 20 shown):
staff-visits-not-present = deleted, bankrupt or closed
staff-visits-chosen = Chosen: { $name }
staff-visits-area-hint = The former municipality. The plan has no list of districts of its own yet.
staff-visits-area-none = not given
staff-visits-area-kept = (as recorded before)
staff-visits-area-unknown = Choose a part of the municipality from the list.
staff-import-preview-title = Import preview
staff-import-preview-intro = Nothing has been saved yet. Check the changes and confirm the import at the bottom.
staff-import-summary = File: { $file }. { $created } new, { $changed } changed, { $unchanged } left alone.
staff-import-created = New actions
staff-import-changed = Changed
staff-import-unchanged = Left alone
staff-import-field = Field
staff-import-before = Before
staff-import-after = After
staff-import-confirm = Confirm the import
staff-import-cancel = Cancel
staff-import-nothing = The file changes nothing.
staff-import-stale-title = The file is older than the action plan
staff-import-stale = The file was downloaded before someone changed these actions: { $actions }. Importing it would overwrite the later changes, so nothing has been imported. Download the action plan again, make your changes in the new file and upload it again.
staff-import-stale-row = { $id } (row { $row }): version { $file } in the file, now version { $now }, last changed by { $by } { $at }.
staff-import-moved = The action plan changed after the preview, so nothing has been imported. This is what the import would do now:
staff-import-done = Imported: { $created } new, { $changed } changed, { $unchanged } left alone.
staff-import-conflict = Someone changed the actions while the import was being written, so nothing has been imported. Try again.
staff-import-broken = The uploaded file did not reach the confirmation. Upload it again.

## phone width (issue 19 item 3)
layout-menu = Menu

## districts (dist20)
districts-title = By district
districts-intro = Register figures, commercial land and company visits per district, as the plan file defines the districts (postal codes, former municipalities and place names). The split is ours, not the plan's, and can be changed in the plan file.
districts-col-district = District
districts-col-units = Units
districts-col-employees = Employees
districts-col-withheld = With headcount withheld
districts-col-registrations = Registered { $year }
districts-col-bankruptcies = Bankruptcies { $year }
districts-col-bankrupt = In bankruptcy
districts-outside = Outside the districts
districts-caption-enheter = Enterprises (enheter) by the postal code of their business address, snapshot { $date }
districts-caption-underenheter = Establishments (underenheter) by the postal code of their location, snapshot { $date }
districts-synthetic = SYNTHETIC DATA, not the municipality's figures
districts-no-postal-codes = This snapshot was imported before the store kept postal codes. Import the file again to get figures per district.
districts-no-register = The store holds no register data yet.
districts-outside-codes = Postal codes in no district
districts-no-postal-code = no postal code
districts-col-postal-code = Postal code
districts-col-municipality = Municipality number
districts-col-examples = Examples
districts-none-outside = Every unit lies in a district.
districts-caption-land = Commercial land in the stock (available, reserved or built out) by place
districts-col-sites = Sites
districts-col-area = Area (daa)
districts-col-future = Available or reserved (daa)
districts-caption-visits = Company visits by area
districts-col-visits = Visits
districts-col-companies = Companies
districts-outside-places = Places and areas outside the districts: { $places }
districts-employees-note = Employees are the sum of published headcounts; units whose headcount is withheld are counted apart, never as 0. Registered and bankruptcies are for the snapshot's last full year.
districts-definition = Definition
## actions in the budget cycle and the 5.9 tasks (issue 20)
sheet-column-cost_estimate = cost_estimate
sheet-column-budget_years = budget_years
sheet-column-funding_source = funding_source
sheet-column-handlingsprogram = handlingsprogram
sheet-column-contact = contact
sheet-column-milestones = milestones
sheet-column-priority_year = priority_year
sheet-column-priority_decision = priority_decision
sheet-column-priority_decided = priority_decided
sheet-column-tasks = tasks
sheet-unknown-task = unknown task "{ $value }" (the 5.9 tasks have ids such as 5.9.2-o1)
sheet-not-cost = "{ $value }" is not an amount in whole kroner
sheet-not-years = "{ $value }" is not a year (four digits, e.g. 2025; a span such as 2025–2027)
sheet-not-milestone = "{ $value }" is not a milestone: write a date and a title, e.g. "2025-06-30 Mandate adopted", with [x] before one reached
sheet-priority-needs-year = a top-10 decision and its date need a year
actions-cost-estimate = Cost estimate
actions-kroner = NOK
actions-budget-years = Budget years
actions-funding-source = Funding
actions-handlingsprogram = Action programme (handlingsprogram)
actions-contact = Contact person
actions-milestones = Milestones
actions-milestone-reached = reached
actions-priority = Top 10
actions-priority-heading = Top 10 for { $year }
actions-priority-decided = Decided: { $decision }
actions-priority-none-decided = no decision recorded
actions-priority-caption = This year's priority actions, shown first
actions-tasks = Tasks in 5.9 this action follows up
history-field-cost_estimate = cost estimate
history-field-budget_years = budget years
history-field-funding_source = funding
history-field-handlingsprogram = action programme
history-field-contact = contact person
history-field-milestones = milestones
history-field-priority = top 10
history-field-tasks = tasks
staff-actions-budget-legend = Budget and follow-up
staff-actions-cost-hint = Whole kroner, e.g. 250000.
staff-actions-budget-years-hint = E.g. "2025; 2026" or "2025–2027".
staff-actions-handlingsprogram-hint = The item in the action programme, e.g. "HP 2025–2028, tiltak 4.3".
staff-actions-milestones-hint = One per line: date and title, e.g. "2025-06-30 Mandate adopted". Write [x] before a milestone reached.
staff-actions-priority-year = Top 10 for year
staff-actions-priority-year-hint = Empty: the action is not among the year's priorities.
staff-actions-priority-decision = Top-10 decision (e.g. "Formannskapet sak 12/25")
staff-actions-priority-decided = Date of the decision
staff-actions-tasks-in = Tasks in { $number } { $title }
staff-actions-cost-invalid = The cost estimate must be a whole number of kroner.
staff-actions-years-invalid = Budget years must be years, e.g. "2025; 2026": { $value }
staff-actions-milestone-invalid = Each milestone needs a date YYYY-MM-DD and a title: { $value }
staff-actions-priority-year-invalid = The top-10 year must be a year, e.g. 2025.
staff-actions-priority-needs-year = A top-10 decision and its date need a year.
staff-actions-priority-date-invalid = The date of the decision must be a date YYYY-MM-DD.
premises-title = Premises outside the plan (5.9)
premises-intro = The plan sets no strategies for these areas but lists important tasks for business development. Each task is shown with the actions that follow it up.
premises-task = Task
premises-actions = Actions
premises-no-action = no action yet
premises-tasks-caption = Tasks in { $number } with the actions that follow them up
## report (lang19): the council report's fixed texts (crates/report, app::council_report)
rpt-period-h1 = first half of { $year }
rpt-period-h2 = second half of { $year }
rpt-mark-achieved = ✓ achieved
rpt-mark-not-achieved = ✗ not achieved
rpt-mark-no-data = – no data
rpt-mark-demo = demo data – not judged
rpt-mark-not-published = – not published by the report date
rpt-source-plan-quote = quoted from the plan
rpt-source-published = published
rpt-source-computed = computed from real data
rpt-source-demo = demo data
rpt-draft-signature = ({ $by }, { $date }, draft – not published)
rpt-title = Goal attainment status { $period } – { $plan }
rpt-deviation-indicator = Indicator { $number }. { $name } – the ambition for { $year } is not achieved
rpt-latest-available = (latest available figures)
rpt-deviation-action = Action { $id } { $title } – { $status }, { $progress } %
rpt-end-date = end date { $date }
rpt-action-comment = (comment on the action: { $comment })
rpt-municipality = { $name } municipality
rpt-front-plan = { $title } – plan period { $start }–{ $end }, adopted ({ $by }) { $adopted }
rpt-front-period = Report period: { $period }
rpt-front-data-as-of = Data as of { $date }
rpt-front-basis = Figures: years up to and including { $year } (the report's data date is { $date }; a year's figures are published the following year at the earliest)
rpt-front-final = Final version, marked final on { $date } by { $by }. This file does not change.
rpt-front-preview = PREVIEW for case officers: unpublished assessments are included and marked “draft”. Not final.
rpt-front-generated = Generated from the data with the published assessments; not marked as the final report.
rpt-front-demo = DEMONSTRATION: The report contains demo data (synthetic figures from a documented generator) where official figures had not been fetched. Such figures are marked “demo” or “synthetic”, are not the municipality's actual figures and are never judged against the targets – they demonstrate the method, not a result.
rpt-contents = Contents
rpt-summary = Summary
rpt-overall = Overall assessment
rpt-vision = Vision
rpt-summary-intro = The chief municipal executive reports yearly to the municipal council on goal attainment and on the follow-up of the focus areas and strategies (the plan's section 2.5). This report was made automatically from the plan's data as of { $date }.
rpt-latest-earlier = { $value } (data for { $year }, latest available; { $source })
rpt-no-real-data = no real data
rpt-no-ambition-for = no ambition for { $year }
rpt-not-computed = not computed
rpt-summary-caption = The indicators – latest value up to { $year }, the ambition and the judgement for the same year
rpt-col-indicator = Indicator
rpt-col-latest = Latest value
rpt-col-ambition = Ambition
rpt-col-assessment = Assessment
rpt-col-trend = Trend
rpt-results = Results and ambitions
rpt-results-intro = The table follows the plan's chapter 6: for each year it shows the value that counts – computed from real data where there are some, else a published figure, else the figure the plan itself gives; demo data only where none of these exists, and then without judgement – and the ambition, with the judgement. A year without data is marked “no data”, never 0. These are the same figures and judgements as on the web pages.
rpt-target = target { $op } { $value }
rpt-cell-no-data = no data
rpt-cell-not-judged = not judged
rpt-cell-not-published = not published yet
rpt-results-caption = Result, target (ambition) and judgement per year: ✓ achieved, ✗ not achieved, ? no data; (demo) = demo data, never judged
rpt-chart-caption = Results and ambitions for “{ $name }”.
rpt-goal-source = Target: { $rule } Source: { $source }.
rpt-computation = Computation: { $definition }
rpt-also = { $year }: { $kind } { $value } ({ $source }); also { $others }
rpt-differing = Years where the sources give different figures (the value that counts first, the others after):
rpt-override = Overridden by a case officer: { $note }
rpt-no-ranking = No ranking is available.
rpt-col-municipality = Municipality
rpt-col-total = Total
rpt-ranking-caption = { $title } ({ $kind }). Source: { $source }
rpt-computed = computed
rpt-published = published
rpt-synthetic-inputs = synthetic inputs
rpt-areas = Focus areas, strategies and actions
rpt-no-actions-linked = no actions linked
rpt-strategies-caption = Strategies in { $area } and the actions that follow them up
rpt-col-strategy = Strategy
rpt-col-actions-status = Actions (status, progress)
rpt-monitor-caption = Strategy { $id } is monitored by the key figure { $name }
rpt-monitor-none = { $caption }: no value ({ $reason }).
rpt-missing = missing
rpt-col-year = Year
rpt-col-value = Value
rpt-col-source = Source
rpt-deviations = Deviations
rpt-no-deviations = No deviations recorded for the period.
rpt-deviations-intro = Indicators that do not reach the ambition and late actions, with the case officer's explanation:
rpt-explanation = { $text }. Explanation: { $explanation }
rpt-explanation-missing = { $text }. Explanation missing.
rpt-facts = Facts from the registers
rpt-no-facts = No register figures have been imported yet; the plan's own facts (2019 figures) are in the plan.
rpt-synthetic = synthetic
rpt-facts-caption = The plan's figures (quoted) beside figures computed from the Central Coordinating Register for Legal Entities
rpt-col-section = Section
rpt-col-plan-fact = Fact in the plan
rpt-col-plan-figure = The plan's figure
rpt-col-computed = Computed
rpt-register-synthetic = Synthetic data: the figures in this chapter are made from example data, not the municipality's own.
rpt-appendix = Appendix: sources and definitions
rpt-sources = Sources
rpt-col-publisher = Publisher
rpt-col-address = Address
rpt-col-fetched = Fetched
rpt-col-data = Data
rpt-data-real = real
rpt-data-both = real and demo (synthetic)
rpt-data-demo = demo (synthetic)
rpt-quoted-from = The plan's figures are quoted from “{ $source }”. Figures marked “computed” are computed by naeringsplan from the sources above.
rpt-files = Machine-readable appendix: imported files
rpt-actions-count = Actions as of { $date }: { $count } in all
rpt-plan-progress = Progress of the whole plan: { $plan } % – strategies without actions count as 0 %, so the figure never shows more progress than the actions cover. { $covered } of { $total } strategies have actions; their progress is { $coveredpercent } %. The same rule as on the web page “Progress”.
rpt-late-end = (end date { $date }, { $progress } %)
rpt-none-late = No action is late.
rpt-late-intro = Late actions (past their end date without being completed, or reported delayed):
rpt-next-intro = Next steps – actions with an end date in the next period:
rpt-actions = The actions
rpt-actions-intro = Status, progress and deadlines as they were at the end of the period ({ $date }), reconstructed from the actions' change log; later changes are not included. “Changed” compares with the previous report.
rpt-owner = { $title } (responsible: { $owner })
rpt-late = late
rpt-unchanged = unchanged
rpt-actions-caption = Actions in { $area }
rpt-col-id = Id
rpt-col-action = Action
rpt-col-period = Period
rpt-col-status-progress = Status and progress
rpt-col-changed = Changed since the previous report
rpt-figure = Figure: { $caption }
rpt-see-html-pdf = (see the HTML or PDF version)
rpt-page = Page
rpt-page-of = of
rpt-page-lower = page
rpt-note = Note
rpt-chart-rank-axis = place (1 = best, at the top)
rpt-legend-demo = Demo (not judged)
rpt-legend-plan = The plan
rpt-legend-published = Published
rpt-legend-computed = Computed
rpt-legend-ambition = Ambition ({ $op })
rpt-chart-desc = Results: { $results }. Ambitions: { $ambitions }.
rpt-none = none
rpt-trend-cagr = annual growth rate observed { $observed }, required { $required }
rpt-trend-change = annual change observed { $observed }, required { $required } percentage points
rpt-trend-basis = Basis (real data only): { $baseyear } { $base } → { $latestyear } { $latest }; target { $target } in { $targetyear }; { $change }. Method: { $method }.
rpt-trend-notes = Note: { $notes }.
rpt-definition-published = Published figure (NHO Kommune-NM), imported as published where a source exists; else the figures the plan itself gives. Our own computed ranking is shown only as demo when it rests on synthetic data.
rpt-not-published-by-date = not published by the report's data date
rpt-nho-title = NHO's Kommune-NM { $edition } (figures from { $year })
rpt-computed-title = Computed ranking { $edition } (own index on Kommune-NM's structure, figures from { $year })
rpt-computed-source = naeringsplan rank: { $ranked } of { $total } municipalities ranked, municipalities as of { $date }; not NHO's figures
rpt-source-klass = Classification { $id } in Statistics Norway's KLASS
rpt-source-placeholder = { $id } (placeholder: no public table, demo data only)
rpt-source-table-titled = { $title } (Statistics Norway table { $id })
rpt-source-table = Statistics Norway table { $id }
rpt-publisher-ssb = Statistics Norway (SSB)
rpt-register-as-of = { $value } { $unit } (register as of { $date })
rpt-value-added = value added (wage costs + operating result)
rpt-new-action = new action
rpt-change-status = status { $before } → { $after }
rpt-change-progress = progress { $before } → { $after } %
rpt-change-end = end date { $before } → { $after }
rpt-land-title = Commercial land
rpt-land-intro = The plan's figures for { $year }: { $inuse } decares in use for business and { $future } decares set aside for future use (quoted from { $source }). The figures below are computed from the dated changes in the land register and cover only the sites registered.
rpt-land-none = No commercial land has been registered yet.
rpt-land-caption = Stock at the end of the year and changes during the year, decares
rpt-land-in-use = In use
rpt-land-set-aside = Set aside (free + reserved)
rpt-land-additions = Additions
rpt-land-withdrawals = Withdrawals
rpt-land-housing = Of which to housing
rpt-proc-title = Local procurement
rpt-proc-intro = The invoice ledger matched against the Central Coordinating Register for Legal Entities{ $snapshot }: the share of the amount paid to suppliers that could be placed, by business address. Neighbouring municipalities: { $neighbours }. SME: fewer than 250 employees in the register. Suppliers that could not be placed (unknown or deleted organisation number, bankrupt, without address or number) are not guessed but shown as a share of their own.
rpt-proc-none = No invoice ledger has been imported yet.
rpt-proc-caption = Share of purchases by the supplier's address and size
rpt-proc-amount = Amount (NOK)
rpt-proc-local = Local
rpt-proc-neighbours = Neighbouring municipalities
rpt-proc-elsewhere = Elsewhere
rpt-proc-sme = SME
rpt-proc-unresolved = Not placed
rpt-visits-title = Company visits
rpt-visits-none = No company visits have been registered yet.
rpt-visits-intro = Company visits and dialogue meetings per year. Participants and content are personal data and are not in the report.
rpt-visits-caption = Company visits per year
rpt-visits-visits = Visits
rpt-visits-sectors = Industries
rpt-visits-follow-ups = Follow-up points
rpt-visits-linked = Linked to a strategy/action

## engine: the projection in words (lang19)
projection-pace-cagr = { $pace } % a year
projection-pace-units = { $pace } { $units } a year
projection-unit-percent = percentage points
projection-unit-dekar = decares
projection-unit-rank = places
projection-unit-other = units
projection-sentence-head = Projection to { $year }: { $verdict } – { $reason }
projection-sentence-pace = Pace { $from }–{ $to }: { $pace }
projection-sentence-needed = Pace needed to reach the target from { $year }: { $pace }
projection-sentence-projected = Projected { $year }: { $value }
projection-sentence-method = Method: { $method } – not a forecast

## cli (lang19): the binary's common messages
cli-doctor-consistent = the store is consistent
cli-doctor-problems = the store has problems
cli-doctor-failed = FAIL
cli-cannot-open-store = cannot open the store at { $location }
cli-plan-problems = the plan file has problems:
cli-import-no-files = no files to import: give at least one file
cli-format-jsonstat = JSON-stat 2.0 dataset
cli-format-ssb-csv = CSV extract from Statistikkbanken
cli-format-klass-codes-csv = KLASS code list (CSV)
cli-format-klass-codes-json = KLASS code list (JSON)
cli-format-klass-changes-csv = KLASS change table (CSV)
cli-format-klass-changes-json = KLASS change table (JSON)
cli-format-brreg = Central Coordinating Register file
cli-import-table = table { $id }
cli-import-classification = classification { $id }
cli-import-updated = updated { $date }
cli-import-synthetic = SYNTHETIC DATA.
cli-import-already = already imported (same SHA-256 { $sha }), nothing changed.
cli-import-summary = { $read } read, { $stored } stored ({ $missing } without a value), { $superseding } replaced older ones, { $unchanged } unchanged, { $older } older edition set aside.
cli-report-outside-years = { $year } is outside the plan's years { $first }–{ $last }
cli-report-binary = pdf and docx are binary formats: give --out FILE
cli-report-assembling = assembling the report
cli-report-cannot-assemble = cannot assemble the report
cli-report-final-stored = the report for { $period } is final: writing its stored bytes (--preview or --data-as-of renders from the current data)
cli-wrote = wrote { $file } ({ $bytes } bytes)
cli-cannot-write = cannot write { $file }
rpt-decided-on = decided { $date }
rpt-priority-intro-none = Top 10 for { $year } – the year's priority actions (no decision recorded):
rpt-priority-intro = Top 10 for { $year } – the year's priority actions ({ $decisions }):
rpt-priority-caption = Top 10 for { $year }
rpt-budget-cost = cost estimate NOK { $amount }
rpt-budget-years = budget years { $years }
rpt-budget-funding = funding: { $source }
rpt-budget-hp = action programme: { $item }
rpt-budget-contact = contact: { $name }
rpt-budget-milestones = milestones: { $list }
rpt-milestone-reached = reached
rpt-tasks-open = Tasks in 5.9 without an action
rpt-tasks-all-covered = Every one of the important business-development tasks in 5.9 has at least one action.
rpt-tasks-open-intro = { $open } of { $total } important business-development tasks in 5.9 have no action yet:
# Register labels (land sites, supplier ledger, visits), by the values' codes
land-zoning-avsatt = allocated in the master plan
land-zoning-under_regulering = zoning in progress
land-zoning-regulert = zoned
land-availability-ledig = available
land-availability-reservert = reserved
land-availability-utbygd = built out
land-availability-omdisponert_bolig = converted to housing
land-availability-utgatt = withdrawn (other use)
land-use-kontor = offices
land-use-handel = retail
land-use-lager_logistikk = warehousing and logistics
land-use-produksjon = production
land-use-kraftkrevende = power-intensive
ledger-unresolved-no_orgnr = no organisation number
ledger-unresolved-not_in_register = not in the register
ledger-unresolved-deleted = deleted or closed
ledger-unresolved-bankrupt = bankrupt
ledger-unresolved-no_address = no business address
visit-kind-besok = company visit
visit-kind-dialogmote = dialogue meeting
progress-coverage = { $covered } of { $total } strategies have actions
staff-login-throttled = Too many failed attempts from your address. Wait { $wait } and try again.
# The trend assessment's notes (engine::trend)
trend-note-no-values = no values
trend-note-target-zero = target 0 replaced by 0.001 (a growth rate to 0 is undefined)
trend-note-no-base = no value in or after the base year { $year }
trend-note-two-years = needs values for at least two years
trend-note-improved-every-year = the value improved every year of the plan period from { $start }; it is behind the base year, but not moving the wrong way
trend-note-target-not-after-base = the target year { $target } is not after the base year { $base }
trend-note-base-is-target-change = the base value equals the target; the required change is 0
trend-note-base-zero = base value 0 replaced by 0.001 (a growth rate from 0 is undefined)
trend-note-opposite-signs = base and latest values have opposite signs; the growth rate is undefined
trend-note-no-growth-rate = the growth rate cannot be computed
trend-note-no-required-rate = the required growth rate cannot be computed (base and target differ in sign)
trend-note-base-is-target-rate = the base value equals the target; the required growth rate is 0
# Key figures of the status chapter (app::key_figures): names and page groups
key-figure-folketall = Population on 1 January
key-figure-befolkningsvekst = Population growth over the twelve months to 1 January
key-figure-arbeidsplasser = Jobs (employed by place of work, 4th quarter)
key-figure-sysselsatte_bosatte = Employed residents aged 15–74 (4th quarter)
key-figure-egendekning = Job coverage (jobs per employed resident)
key-figure-sysselsettingsgrad = Employment rate 15–74
key-figure-kortreist = Short-commute share (live and work in the municipality)
key-figure-offentlig_andel = Share of jobs in the public sector
key-figure-nyetableringer = New enterprises
key-figure-konkurser = Bankruptcies opened
key-figure-kunnskapsintensiv_andel = Share of employees in knowledge-intensive industries (Central Coordinating Register)
key-figure-overlevelse_5ar = Five-year survival of newly registered units (Central Coordinating Register)
key-figure-naering-01-03 = Agriculture, forestry and fishing
key-figure-naering-05-09 = Mining and quarrying
key-figure-naering-10-33 = Manufacturing
key-figure-naering-35-39 = Electricity, water supply, sewerage, waste
key-figure-naering-41-43 = Construction
key-figure-naering-45-47 = Wholesale and retail trade; repair of motor vehicles
key-figure-naering-49-53 = Transportation and storage
key-figure-naering-55-56 = Accommodation and food service
key-figure-naering-58-63 = Information and communication
key-figure-naering-64-66 = Financial and insurance activities
key-figure-naering-68-75 = Professional, scientific and technical activities; real estate
key-figure-naering-77-82 = Administrative and support service activities
key-figure-naering-84 = Public administration and defence
key-figure-naering-85 = Education
key-figure-naering-86-88 = Human health and social work
key-figure-naering-90-99 = Other service activities
key-figure-naering-00 = Unknown
key-figure-group-befolkning = Population
key-figure-group-arbeid = Work and commuting
key-figure-group-naeringsstruktur = Industry structure: share of the jobs (SSB 07984)
key-figure-group-foretak = Enterprises
key-figure-group-register = From the Central Coordinating Register
rpt-districts-title = Business by district

# Issue 20 item 4: the investment pipeline (/investeringer, /intern/investeringer, /api/pipeline/aggregates)
layout-pipeline = Investments
pipeline-stage = Stage
pipeline-stage-henvendelse = Enquiry
pipeline-stage-dialog = Dialogue
pipeline-stage-tomt-tilbudt = Site offered
pipeline-stage-beslutning = Decision
pipeline-stage-etablert = Established
pipeline-stage-tapt = Lost
pipeline-enquiries = Enquiries
pipeline-jobs-expected = Jobs expected
pipeline-jobs-created = Jobs created
pipeline-total = Total
pipeline-by-stage = Enquiries of { $year } by the stage they are at now
pipeline-year-heading = { $year }: { $count ->
    [one] { $count } enquiry
   *[other] { $count } enquiries
}
pipeline-invented = The enquiries are invented (example data).
pipeline-intro = The municipality follows enquiries from companies and projects that want to invest or establish themselves in the municipality, from the first enquiry to establishment, or until it is lost. This page shows the number of enquiries and jobs per year and stage – never a name.
pipeline-none = No enquiries have been recorded yet.
pipeline-about = Source: the municipality's own register of enquiries, kept by staff. The year is the enquiry's year, the stage is where it stands now. Names, sources and the reasons an enquiry was lost are for staff only; closed enquiries are deleted after the retention period and their counts are kept in the statistics. The figures are also available as
staff-pipeline-title = Investment enquiries (staff)
staff-pipeline-confidential = Names, sources and the reasons an enquiry was lost are confidential business information and are shown only here.
staff-pipeline-public = Public statistics of the enquiries
staff-pipeline-new = Record an enquiry
staff-pipeline-name = Company or project
staff-pipeline-date = Date of the enquiry
staff-pipeline-sector = Sector
staff-pipeline-source = Source (where the enquiry came from)
staff-pipeline-area = Area needed (daa)
staff-pipeline-site = Site (from the commercial land register)
staff-pipeline-site-hint = The site offered. Required when the stage is «Site offered».
staff-pipeline-lost-reason = Why the enquiry was lost
staff-pipeline-save = Save the enquiry
staff-pipeline-list-caption = Recorded enquiries (confidential, staff only)
staff-pipeline-retention = Deletion after the retention period
staff-pipeline-older-than-months = Delete closed enquiries older than (months)
staff-pipeline-retention-hint = Only established and lost enquiries are deleted. Their number and jobs are kept in the statistics, without names or text.
staff-pipeline-purge = Delete old enquiries
staff-pipeline-purged = { $count ->
    [one] One closed enquiry dated before { $date } was deleted.
   *[other] { $count } closed enquiries dated before { $date } were deleted.
}
staff-pipeline-enquiry-title = Enquiry: { $name }
staff-pipeline-recorded = Recorded
staff-pipeline-change-stage = Change the stage
staff-pipeline-new-stage = New stage
staff-pipeline-save-stage = Save the stage
staff-pipeline-final = The enquiry is established; its stage can no longer change.
staff-pipeline-conflict = Someone else changed the enquiry while you were working. Nothing was saved; see its stage now and try again.
staff-pipeline-history = History
staff-pipeline-history-caption = Every stage change: who, when, from and to
staff-pipeline-when = When
staff-pipeline-who = Who
staff-pipeline-from = From
staff-pipeline-to = To
staff-pipeline-detail = Details
staff-pipeline-recorded-first = (recorded)
staff-pipeline-all = All enquiries
staff-pipeline-error-navn = Give the name of the company or project.
staff-pipeline-error-dato = Write the date as YYYY-MM-DD or DD.MM.YYYY.
staff-pipeline-error-fase = Choose a stage from the list; an established enquiry cannot move, and a lost one can only be reopened.
staff-pipeline-error-tapt-arsak = A lost enquiry needs a reason, and only a lost enquiry can have one.
staff-pipeline-error-arbeidsplasser-skapt = Jobs created is a whole number, recorded only when the enquiry is established.
staff-pipeline-error-arbeidsplasser-forventet = Jobs expected must be a whole number.
staff-pipeline-error-areal-daa = The area needed must be a positive number (daa).
staff-pipeline-error-tomt = Choose a site of the commercial land register; one is needed when a site is offered.

# Issue 20 item 3: partners, memberships, agreements and ownerships (/partnere, /intern/partnere, /api/partners)
layout-partners = Partners
partners-kind-eierskap = Ownerships
partners-kind-medlemskap = Memberships
partners-kind-partneravtale = Partner agreements
partners-kind-samarbeid = Cooperation partners
partners-caption-eierskap = Companies the municipality owns a share of
partners-caption-medlemskap = Organisations the municipality is a member of
partners-caption-partneravtale = Partner agreements with period and purpose
partners-caption-samarbeid = Cooperation partners without a formal agreement
partners-name = Name
partners-share = Share
partners-in-the-register = In the Central Coordinating Register
partners-employees = employees
partners-not-in-register = not found in the register extract
partners-no-orgnr = organisation number not given
partners-purpose = Purpose
partners-period = Period
partners-strategies = Strategies and actions
partners-from = from
partners-until = until
partners-ended = (ended)
partners-invented = Some of the entries are invented (example data).
partners-intro = The municipality cooperates with neighbouring municipalities, the county and organisations, is a member of business organisations and owns shares of companies. What the municipality owns and is a member of is public information. Each entry is linked to the plan's strategies and actions.
partners-none = No partners have been recorded yet.
partners-about = Source: the municipality's own register, for Asker filled from the plan's own words (5.7.1). Shares are left empty where none is given. The companies' names, sectors and employees come from the Central Coordinating Register when the organisation number is known.
partners-no-register = No register extract has been loaded.
staff-partners-title = Partners, memberships and ownerships (staff)
staff-partners-public = The public list
staff-partners-caption = Every entry; choose one to change it and see its history
staff-partners-kind = Type
staff-partners-new = Add an entry
staff-partners-add = Add
staff-partners-save = Save the changes
staff-partners-share = Share (percent)
staff-partners-share-hint = Ownerships only; leave it empty when the share is not known.
staff-partners-from = From date
staff-partners-to = To date
staff-partners-links-hint = Strategy and action ids of the plan, separated by commas, e.g. 5.7-s1, T9.
staff-partners-source = Source
staff-partners-entry-title = Entry: { $name }
staff-partners-history-caption = Every change field by field: who, when, before and after
staff-partners-field = Field
staff-partners-old = Before
staff-partners-new-value = After
staff-partners-all = All entries
staff-partners-conflict = Someone else changed the entry while you were working. Nothing was saved; the form shows your input on the new version.
staff-partners-error-type = Choose a type from the list.
staff-partners-error-navn = Give the organisation's name.
staff-partners-error-orgnr = The organisation number is not valid (nine digits with the right check digit).
staff-partners-error-eierandel = The share must be a number above 0 and at most 100, and applies to ownerships only.
staff-partners-error-fra = Write the start date as YYYY-MM-DD or DD.MM.YYYY.
staff-partners-error-til = The end date must be a valid date not before the start date.
staff-partners-error-strategier = Only strategies and actions of the plan can be linked.
staff-partners-error-exists = There is already an entry of the same type with this name.
rpt-pipeline-caption = Enquiries and jobs per year and stage

## The local registers' CLI (naeringsplan land/procurement/visits/pipeline/partners)
cli-registers-synthetic = SYNTHETIC DATA
cli-land-imported = { $file }: { $stored ->
    [one] { $stored } change stored
   *[other] { $stored } changes stored
}, { $unchanged } already stored
cli-ledger-imported = { $file }: { $rows ->
    [one] { $rows } ledger row stored
   *[other] { $rows } ledger rows stored
}
cli-ledger-already = { $file }: already imported (import { $id }); nothing changed
cli-visits-imported = { $file }: { $stored ->
    [one] { $stored } visit stored
   *[other] { $stored } visits stored
}, { $unchanged } already stored
cli-pipeline-imported = { $file }: { $stored ->
    [one] { $stored } enquiry stored
   *[other] { $stored } enquiries stored
}, { $unchanged } already stored
cli-partners-imported = { $file }: { $created ->
    [one] { $created } entry added
   *[other] { $created } entries added
}, { $changed } changed, { $unchanged } unchanged
cli-visit-stored = Visit { $id } stored: { $date } { $company } ({ $orgnr })
cli-visits-would-purge = { $n ->
    [one] { $n } visit
   *[other] { $n } visits
} dated before { $date } would be deleted
cli-visits-purged = { $n ->
    [one] { $n } visit
   *[other] { $n } visits
} dated before { $date } deleted (their counts are kept, without names)
cli-visit-deleted = Visit { $id } deleted
cli-visit-not-found = No visit { $id }
cli-pipeline-purged = { $n ->
    [one] { $n } closed enquiry
   *[other] { $n } closed enquiries
} dated before { $date } deleted (their counts are kept, without names)
