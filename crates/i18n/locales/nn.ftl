
## charts
charts-quoted-in-the-plan = Sitert frå planen
charts-published-e-g-nho = Publisert (t.d. NHO)
charts-computed-from-real-data = Berekna frå reelle data
charts-demo-data-synthetic-not-judged = Demodata (syntetisk, ikkje vurdert)
charts-small-chart-of-results-one = Liten graf over resultat (éi linje per kjelde; demodata stipla) og ambisjonar (sirklar) per år; tala står i tabellen på indikatorsida.
charts-results-by-year-one-line = Resultat per år, éi linje per kjelde, og ambisjonar (stipla).{" "}
charts-ambition = ambisjon
charts-projected = Framskriving for{" "}
charts-ambition-2 = Ambisjon
charts-projection-real-data = Framskriving (reelle data)
charts-rank-1-at-the-top = (plass 1 øvst)
charts-real-values-by-municipality = Reelle verdiar per kommune
charts-real-values = Reelle verdiar{" "}
charts-demo-data-is-not-drawn = ; demodata blir ikkje viste i figuren.
charts-no-actions = ingen tiltak

## error
error-bad-request = Ugyldig førespurnad
error-request-too-large = For stor førespurnad
error-the-form-has-errors = Skjemaet har feil
error-conflict = Konflikt
error-precondition-required = Føresetnad manglar
error-not-allowed = Ikkje tillate
error-to-the-staff-pages = Til internsidene

## layout
layout-skip-to-content = Hopp til innhaldet
layout-main-menu = Hovudmeny
layout-indicators = Indikatorar
layout-focus-areas = Innsatsområde
layout-key-figures = Nøkkeltal
layout-actions = Tiltak
layout-progress = Framdrift
layout-ranking = Rangering
layout-report = Rapport
layout-commercial-land = Næringsareal
layout-procurement = Anskaffingar
layout-company-visits = Bedriftsbesøk
layout-sources = Kjelder
layout-plans = Planar
layout-staff = For tilsette
layout-the-plan-period-has-ended = Planperioden er avslutta.{" "}
layout-the-plan-covered = Planen galdt{" "}
layout-its-figures-actions-and-reports = Tala, tiltaka og rapportane blir framleis viste for etterprøving. Den nye planen er{" "}
layout-all-plans = Alle planar
layout-its-figures-actions-and-reports-2 = Tala, tiltaka og rapportane blir framleis viste for oppfølging og etterprøving; ingen ny plan er lasta inn her.
layout-this-is-an-earlier-plan = Dette er ein tidlegare plan.{" "}
layout-the-new-plan-is = Den nye planen er{" "}
layout-figures-are-computed-from-official = Tala er berekna frå offisielle kjelder der det er mogleg; sitat frå planen er merka med kjelde.
layout-last-updated = Sist oppdatert:{" "}
layout-newest-data-import-or-action = {" "}(nyaste import av data eller endring i tiltaka, norsk tid).
layout-demonstration = Demonstrasjon.{" "}
layout-where-real-figures-are-missing = Der ekte tal manglar, viser denne installasjonen demodata: syntetiske tal laga av ein dokumentert generator i formatet til dei offisielle kjeldene. Demotal er merka «demo» og blir aldri vurderte mot måla i planen – dei er ein demonstrasjon av metoden, ikkje eit resultat. Ekte data blir henta med{" "}
layout-needs-the-network-or = {" "}(krev nett) eller{" "}
layout-demo-data = Demodata.{" "}
layout-some-figures-on-this-page = Nokre tal på denne sida er laga av ein generator med same format som dei offisielle kjeldene, ikkje henta frå dei. Dei er merka «demo», blir teikna som eiga stipla linje og blir ikkje vurderte.
layout-not-verified-against-ssb = Ikkje verifisert mot SSB:{" "}
layout-table = tabell{" "}
layout-the-table-id-or-codes = Tabellnummeret eller kodane er den beste kunnskapen vår og er ikkje stadfesta av offentlege kjelder; tal frå desse tabellane kan mangle eller tyde noko anna når dei blir henta frå SSB.{" "}
layout-see-the-sources = Sjå kjeldene

## actions
actions-show-all = (vis heile)
actions-late = forseinka
actions-the-action-plan = Tiltaksplanen
actions-focus-area = Innsatsområde
actions-all = Alle
actions-strategy = Strategi
actions-owner = Ansvarleg
actions-text-in-action-or-strategy = Tekst i tiltak eller strategi
actions-late-only = Berre forseinka
actions-show = Vis
actions-of = av
actions-actions = tiltak
actions-actions-with-strategies-owner-status = Tiltak med strategiar, ansvarleg, status og framdrift.
actions-action = Tiltak
actions-strategies = Strategiar
actions-last-changed = Sist endra
actions-progress = framdrift
actions-when-norwegian-time = Når (norsk tid)
actions-who = Kven
actions-field = Felt
actions-before = Før
actions-after = Etter
actions-version = Versjon
actions-partners = Partnarar
actions-end = Slutt
actions-comment = Kommentar
actions-drawn-from-the-plan-text = Henta frå planteksten
actions-by = av
actions-carried-over-from = Vidareført frå
actions-action-2 = tiltak{" "}
actions-in = i
actions-carried-over-to = Vidareført til
actions-history = Historikk
actions-every-change-newest-first = Alle endringar, nyaste først.
actions-history-from = Historikk frå{" "}
actions-the-changes-to-action = Endringane i tiltak
actions-before-it-was-carried-over = før det vart vidareført, nyaste først.

## area
area-monitored-by-the-key-figure = Blir følgt med nøkkeltalet:{" "}
area-year = År
area-value = Verdi
area-source = Kjelde
area-no-value = Ingen verdi:{" "}
area-added-on-adoption-amendment = Lagt til ved vedtak, endring{" "}
area-progress-strategies-without-actions-count = Framdrift (strategiar utan tiltak tel som 0 %):{" "}
area-progress-by-strategy = Framdrift per strategi
area-facts = Fakta
area-quoted-from-the-plan-s = Sitert frå faktaboksane i planen (2019-tal). Berekna tal frå registera kjem ved sida av når dei er henta inn.
area-fact-quoted = Fakta (sitert)
area-section = Avsnitt
area-computed = Berekna
area-synthetic = syntetisk
area-not-computed-yet = ikkje berekna enno
area-not-computed = blir ikkje berekna
area-strategies-and-actions = Strategiar og tiltak

## home
home-adopted-by = Vedteken av{" "}
home-plan-period = Planperiode{" "}
home-the-action-plan-as-it = Tiltaksplanen slik den står no.
home-the-plan-s-indicator-table = Indikatortabellen i planen
home-results-bold-and-ambitions-grey = Resultat (utheva) og ambisjonar (grå, med ≤/≥) per år, slik planen oppgir dei (kap. 6).
home-indicator = Indikator
home-no-value = ingen verdi
home-no-results-from-real-data = Ingen resultat frå reelle data enno
home-ambition = Ambisjon{" "}
home-demo = demo
home-focus-areas-and-strategies = Innsatsområde og strategiar

## indicator
indicator-latest-result-from-real-data = Siste resultat frå reelle data:{" "}
indicator-no-results-from-real-data = Ingen resultat frå reelle data enno.
indicator-demo-value = Demoverdi{" "}
indicator-made-by-the-demo-generator = laga av generatoren for demonstrasjon, ikkje eit resultat; blir ikkje vurdert.
indicator-figures-by-year = Tal per år
indicator-results-and-ambitions-by-year = Resultat og ambisjonar per år. Eit år kan mangle begge.
indicator-result = Resultat
indicator-verdict = Vurdering
indicator-also = Også:{" "}
indicator-progress-towards-the-target = Utviklinga mot målet
indicator-overridden = overstyrt
indicator-computed-status = Berekna status:{" "}
indicator-overridden-by = Overstyrt av{" "}
indicator-method = Metode
indicator-only-values-from-real-data = Berre verdiar frå reelle data er med; aldri demodata.
indicator-base = Grunnlag
indicator-latest = Siste
indicator-target = Mål
indicator-annual-change-observed-required = Årleg endring observert / nødvendig
indicator-note = Merknad
indicator-cannot-be-assessed-yet = Kan ikkje vurderast enno.
indicator-projection-to = Framskriving til{" "}
indicator-pace = Tempo{" "}
indicator-pace-needed-to-reach-the = Nødvendig tempo for å nå målet frå{" "}
indicator-not-a-forecast-only-the = Ingen prognose: berre dagens tempo vidareført.
indicator-compared-with-other-municipalities = Samanlikna med andre kommunar
indicator-the-values-are-computed-by = Verdiane er berekna etter dei same definisjonane for kvar kommune, innanfor kommunen sine eigne grenser. Ambisjonane i planen gjeld{" "}
indicator-and-are-not-applied-to = {" "}og blir ikkje brukte på dei andre. Demodata er merka og blir ikkje rangerte.
indicator-municipality-codes-to-compare-with = Kommunenummer å samanlikne med (kommaseparert)
indicator-compare = Samanlikn
indicator-or-find-the-most-similar = Eller finn dei mest like kommunane (talet på kommunar)
indicator-find-similar = Finn liknande
indicator-the-municipalities-most-similar-to = Dei kommunane som liknar mest på{" "}
indicator-in = {" "}i{" "}
indicator-by-a-weighted-distance-over = , etter ein vekta avstand over standardiserte kjenneteikn (målt i standardavvik; lågare er likare;{" "}
indicator-municipalities-have-every-feature = {" "}kommunar har alle kjenneteikna):
indicator-features-marked-demo-rest-on = Kjenneteikn merka demo byggjer på syntetiske tal: utvalet er eit døme på metoden, ikkje eit funn.
indicator-features-and-weights = Kjenneteikn og vekter:{" "}
indicator-no-longer-exists-not-compared = (finst ikkje lenger; ikkje samanlikna)
indicator-is-number = {" "}er nr.{" "}
indicator-of = {" "}av{" "}
indicator-among-the-municipalities-here-with = {" "}blant kommunane her med reelle tal for{" "}
indicator-highest-first = {" "}(høgast først).
indicator-lowest-first = {" "}(lågast først).
indicator-by-municipality-and-year = , per kommune og år
indicator-municipality = Kommune
indicator-median-all-municipalities = Median, alle kommunar
indicator-median-the-county = Median, fylket
indicator-is-at-percentile = {" "}har persentil{" "}
indicator-among-all = {" "}blant alle{" "}
indicator-municipalities-with-real-figures-for = {" "}kommunar med reelle tal for{" "}
indicator-the-share-of-the-other = {" "}(delen av dei andre kommunane med lågare verdi). Medianane er av reelle tal; demodata er ikkje med.{" "}
indicator-the-plan-s-municipality-has = Kommunen i planen har ingen reelle tal å plassere blant alle kommunane.{" "}
indicator-every-municipality-s-values-json = Verdiane for alle kommunane (JSON)
indicator-status-overrides-all-oldest-first = Overstyringar av status (alle, eldste først)
indicator-when = Når
indicator-justification = Grunngiving
indicator-withdrawn = trekt tilbake
indicator-override-the-status-staff = Overstyr status (tilsette)
indicator-about-the-data = Om dataa
indicator-download-every-figure-on-this = Last ned alle tala på sida med kjelde og merking av demodata:{" "}
indicator-source-tables = Kjeldetabellar:{" "}
indicator-last-fetched = Sist henta{" "}
indicator-not-fetched-yet = Ikkje henta enno.
indicator-about-the-indicator = Om indikatoren
indicator-target-in-the-plan = Mål i planen
indicator-how-a-year-is-judged = Korleis eit år blir vurdert
indicator-the-result-is-compared-with = Resultatet blir samanlikna med ambisjonen for året (
indicator-a-year-without-an-ambition = ; eit år utan ambisjon blir ikkje vurdert (målet i planen blir vist til informasjon). Ein verdi som byggjer på demodata, blir aldri vurdert.
indicator-how-the-figure-is-obtained = Korleis talet kjem fram
indicator-published-by = Publisert av{" "}
indicator-imported-as-published = ; henta inn som publisert.
indicator-computed-by-the-definition = Blir berekna etter definisjonen{" "}
indicator-of-the-plan-s-chapter = {" "}i kapittel 9 i planen, frå statistikken i lageret. Eit år med både berekna tal og tal sitert frå planen viser begge; verdien som tel, er den berekna, deretter den publiserte, deretter den frå planen, og reelle data går alltid føre demodata.
indicator-percentage-points = prosentpoeng

## key-figures
key-figures-missing = manglar
key-figures-key-figures-for = Nøkkeltal for
key-figures-the-key-figures-of-the = Nøkkeltala frå kapittel 3 i planen (
key-figures-computed-from-the-statistics-in = ), berekna frå statistikken i lageret for vald kommune og år etter dei same definisjonane som indikatorane. Tala i planen står ved sida av der planen siterer eit tal. Verdiar merka «demo» byggjer på syntetiske demodata; dei blir viste, men ikkje samanlikna eller vurderte.
key-figures-compare-with-municipality-codes-comma = Samanlikn med (kommunenummer, kommaseparert)
key-figures-key-figure = Nøkkeltal
key-figures-the-plan-s-figure = Tal i planen
key-figures-not-quoted = ikkje sitert
key-figures-missing-2 = Manglar:{" "}
key-figures-the-plan = Planen:{" "}
key-figures-compared-with-other-municipalities = samanlikna med andre kommunar
key-figures-download-every-figure-on-this = Last ned alle tala på sida med år, kjelde og merking av demodata:{" "}
key-figures-the-same-figures-on-the = Same tal på kommandolinja:{" "}
key-figures-sources = Kjelder:{" "}
key-figures-statistics-last-fetched = Statistikken sist henta{" "}
key-figures-the-statistics-have-not-been = Statistikken er ikkje henta enno.
key-figures-more-about-the-sources = Meir om kjeldene
key-figures-job-coverage-is-here-jobs = Eigendekning er her arbeidsplassar i prosent av sysselsette busette (kapittel 9 i planen definerer forholdstalet; 0,77 = 77 %). Folkeveksten er endringa frå 1. januar året før. Delen i offentleg sektor er arbeidsplassar minus arbeidsplassar i privat sektor (SSB 13472), i prosent av alle arbeidsplassar. Registertala gjeld siste augneblinksbilete av Einingsregisteret, ikkje det valde året.

## local-registers
local-registers-synthetic-data = SYNTETISKE DATA.{" "}
local-registers-map-of-the-commercial-land = Kart over næringsareala, farga etter tilgjenge. Tabellen under har dei same opplysningane.
local-registers-simple-projection-longitude-scaled-by = Enkel projeksjon (lengdegrad skalert med cos(breiddegrad)), ingen bakgrunnskart.
local-registers-the-plan-says-the-municipality = Planen seier at kommunen «til enhver tid [skal] ha oversikt over tilgjengelige næringsarealer», og at det ikkje finst statistikk over kor eigna areala er, kor store dei er, og tilgang/avgang (§5.9.2). Her er registeret: kvar endring er datert og teken vare på, og tala per år er rekna ut frå endringane.
local-registers-download-every-recorded-change = Last ned alle registrerte endringar:{" "}
local-registers-example-data-marked-synthetic = (eksempeldata, merka SYNTETISK)
local-registers-the-plan-s-2019-figures = Tala i planen for 2019
local-registers-dekar-in-use-for-business = dekar i bruk til næringsføremål (inkludert offentleg tenesteyting), og
local-registers-dekar-set-aside-for-future = dekar sett av til framtidig bruk.
local-registers-source-quoted-not-computed = Kjelde (sitat, ikkje berekna):{" "}
local-registers-the-plan-s-figures-cover = Tala i planen gjeld heile kommunen; registeret berre tomtene som er lagde inn. Tala blir difor samanlikna side om side, ikkje slått saman.
local-registers-map = Kart
local-registers-per-year = Per år
local-registers-no-commercial-land-has-been = Ingen næringsareal er registrerte enno.
local-registers-stock-at-year-end-and = Behaldning ved slutten av året og endringar gjennom året, dekar
local-registers-in-use-built-out = I bruk (utbygd)
local-registers-set-aside-available-reserved = Sett av (ledig + reservert)
local-registers-additions = Tilgang
local-registers-withdrawals = Avgang
local-registers-of-which-to-housing = Av dette til bustad
local-registers-built-out-in-the-year = Utbygd i året
local-registers-stock-by-use-class-and = Behaldning etter føremål og tilgjenge ved utgangen av{" "}
local-registers-use-class = Føremål
local-registers-the-sites-today = Tomtene i dag
local-registers-each-site-as-the-register = Kvar tomt slik den står i registeret i dag
local-registers-name = Namn
local-registers-place = Stad
local-registers-area-daa = Areal (daa)
local-registers-zoning = Planstatus
local-registers-availability = Tilgjenge
local-registers-to-hub-m = Til knutepunkt (m)
local-registers-additions-are-increases-of-area = Tilgang er auke i areal som er ledig, reservert eller utbygd (nye tomter, utvidingar); avgang er reduksjon (omdisponert til bustad, teke ut av planen, mindre areal). Tala samanliknar kvar tomt ved utgangen av året med utgangen av året før.
local-registers-the-municipality-keeps-the-register = Registeret blir ført av kommunen sjølv (importert med{" "}
local-registers-every-change-is-dated-and = ); kvar endring er datert og teken vare på.{" "}
local-registers-last-recorded = Sist registrert{" "}
local-registers-no-change-has-been-recorded = Ingen endringar er registrerte enno
local-registers-files = filer:{" "}
local-registers-download = Last ned:{" "}
local-registers-amount-nok = Beløp (kr)
local-registers-local = Lokalt
local-registers-neighbours = Nabokommunar
local-registers-elsewhere = Andre stader
local-registers-smes = SMB
local-registers-headcount-withheld = Tilsettetal skjult
local-registers-not-placed = Ikkje plassert
local-registers-download-the-figures-on-this = Last ned tala på sida, med merking av eksempeldata:{" "}
local-registers-local-procurement = Lokale anskaffingar
local-registers-the-plan-the-municipality-keeps = Planen: «Kommunen fører i dag ingen oversikt eller rapporterer på lokale anskaffelser» (§5.7.2). Her er fakturajournalen kopla mot Einingsregisteret på organisasjonsnummer: forretningsadressa til leverandøren avgjer om kjøpet er lokalt, i ein nabokommune eller andre stader.
local-registers-shares-are-of-the-spend = Prosentdelane er delar av beløpet til leverandørar som kunne plasserast. «Ikkje plassert» (ukjend eller sletta organisasjonsnummer, konkurs, utan adresse eller utan nummer) er del av alt, og blir aldri gjetta. SMB: færre enn 250 tilsette i Einingsregisteret (eller ingen registrerte); offentlege verksemder og skjult tilsettetal blir talde for seg. Nabokommunar:{" "}
local-registers-register = Register:{" "}
local-registers-no-supplier-ledger-has-been = Ingen fakturajournal er importert enno.
local-registers-by-category = Per kategori,{" "}
local-registers-category = Kategori
local-registers-suppliers-that-could-not-be = Leverandørar som ikkje kunne plasserast, største beløp først. Rader utan organisasjonsnummer blir viste utan namn (det kan vere privatpersonar).
local-registers-organisation-number = Organisasjonsnummer
local-registers-supplier = Leverandør
local-registers-reason = Årsak
local-registers-not-shown = (ikkje vist)
local-registers-sources-the-municipality-s-supplier = Kjelder: fakturajournalen til kommunen (
local-registers-last-imported = sist importert{" "}
local-registers-not-imported-yet = ikkje importert enno
local-registers-and-the-central-coordinating-register = ) og Einingsregisteret (
local-registers-not-loaded = ikkje lasta inn
local-registers-download-at-the-bronnoysund-register = nedlasting hos Brønnøysundregistra
local-registers-the-file-holds-amounts-and = Fila har beløp og prosentdelar per år og per kategori; leverandørar som ikkje kunne plasserast, står i tabellen over og ikkje i fila.
local-registers-the-mayor-takes-the-initiative = Ordføraren tek initiativ til faste bedriftsbesøk (forordet i planen). Her ser du talet på besøk og dialogmøte per år, per næring og per del av kommunen. Kven som deltok og kva som vart sagt, er personopplysningar og blir berre viste for tilsette; detaljane blir sletta etter lagringstida.
local-registers-no-visits-have-been-recorded = Ingen besøk er registrerte enno.
local-registers-visits = besøk
local-registers-follow-ups = oppfølgingspunkt,{" "}
local-registers-of-them-linked-to-strategies = av dei knytte til strategiar eller tiltak.
local-registers-by-industry-sn2007-section = Per næring (SN2007-hovudområde)
local-registers-industry = Næring
local-registers-visits-2 = Besøk
local-registers-unknown = ukjend
local-registers-by-part-of-the-municipality = Per del av kommunen
local-registers-area = Område
local-registers-not-given = ikkje oppgitt
local-registers-source-the-municipality-s-own = Kjelde: kommunen sitt eige register over bedriftsbesøk, ført av dei tilsette; næringa er henta frå Einingsregisteret på organisasjonsnummer. Fila har berre talet på besøk per år, næring, område og type, aldri kven som deltok eller kva som vart sagt.

## pages
pages-page-not-found = Fann ikkje sida
pages-to-the-front-page = Til framsida

## plans
plans-the-municipality-s-business-plans = Næringsplanane til kommunen i denne løysinga, eldste først. Den nyaste er gjeldande; ein tidlegare plan blir framleis vist med tiltak, historikk, framdrift og rapportar, slik den stod. Tiltak som er vidareførte til ein ny plan, lenkjer til tiltaket dei kom frå.
plans-stored-plan-versions = Lagra planversjonar
plans-plan = Plan
plans-period = Periode
plans-adopted = Vedteken
plans-status = Status
plans-current-plan = Gjeldande plan
plans-earlier-plan = Tidlegare plan
plans-the-period-has-ended = {" "}(perioden er avslutta)

## progress
progress-the-progress-of-each-action = Framdrifta i kvart tiltak (0–100 %) blir rulla opp til strategiane, innsatsområda og heile planen. Ein strategi utan tiltak tel som 0 % i talet for innsatsområdet og heile planen, slik at talet aldri viser meir framdrift enn tiltaka dekkjer; framdrifta i strategiane som har tiltak, står ved sida av. Kvar strategi tel likt. Avlyste tiltak blir haldne utanfor.{" "}
progress-here-weighted-within-each-strategy = Her vekta: innanfor kvar strategi tel tiltaka med vekta si (standard 1).{" "}
progress-show-the-plain-mean = Vis gjennomsnitt
progress-here-as-the-mean-of = Her som gjennomsnitt av tiltaka i kvar strategi.{" "}
progress-show-weighted = Vis vekta
progress-the-whole-plan = Heile planen:{" "}
progress-the-whole-plan-2 = Heile planen
progress-progress-of-the-strategies-that = Framdrift i strategiane som har tiltak:{" "}
progress-strategies-without-actions = Strategiar utan tiltak
progress-strategies-with-actions-and-progress = Strategiar med tiltak og framdrift

## ranking
ranking-municipal-ranking = Kommunerangering
ranking-back-to-the-ranking = Til rangeringa
ranking-rank = plass
ranking-data-year = Dataår{" "}
ranking-edition = utgåve{" "}
ranking-municipalities-as-of = kommunane per{" "}
ranking-ranked = rangerte
ranking-this-is-not-nho-s = Dette er ikkje NHOs Kommune-NM
ranking-our-own-computation-on-nho = : ei eiga berekning med den offentlege strukturen til NHO (19 indikatorar i fem grupper). Vektene og normaliseringa til NHO er ikkje offentlege; avvika står nedst.
ranking-download-the-ranking-shown = Last ned rangeringa som blir vist:{" "}
ranking-with-synthetic-inputs-flagged = {" "}(med merking av syntetiske inndata).
ranking-data-year-2 = Dataår
ranking-edition-2 = utgåve
ranking-county = Fylke
ranking-all-of-norway = Heile landet
ranking-rank-2 = Plass{" "}
ranking-rank-3 = plass{" "}
ranking-gap-to-the-rank-above = Avstand til plassen over
ranking-points = poeng
ranking-gap-to-10th-place = Avstand til 10. plass
ranking-margin-over-10th-place = Margin ned til 10. plass
ranking-score-and-rank-per-group = Poeng og plass per gruppe
ranking-group = Gruppe
ranking-score = Poeng
ranking-rank-4 = Plass
ranking-missing-indicators = Manglande indikatorar
ranking-sensitivity-one-indicator-changed-everything = Følsemd: éin indikator endra, alt anna likt
ranking-value-now = Verdi no
ranking-1-standard-deviation = +1 standardavvik
ranking-county-median = Fylkesmedianen
ranking-all-19-indicators = Alle 19 indikatorane
ranking-value-score-and-rank-per = Verdi, poeng og plass per indikator
ranking-mean = Snitt
ranking-data = Data
ranking-group-mean = (gruppesnitt)
ranking-real = ekte
ranking-not-ranked-this-year = ikkje rangert dette året.
ranking-all-municipalities = Alle kommunar
ranking-show-all-of-norway = Vis heile landet
ranking-show-only = Vis berre{" "}
ranking-total-rank-county-rank-and = Samla plassering, plassering i fylket og per gruppe, dataår{" "}
ranking-the-plan-s-municipality-is = Kommunen i planen er utheva.
ranking-in-county = I fylket
ranking-where-the-index-departs-from = Kvar indeksen avvik frå metoden til NHO
ranking-the-plan-s-municipality = kommunen i planen
ranking-not-ranked = ikkje rangert
ranking-published-by-nho-and-our = Publisert av NHO og eiga berekning
ranking-nho-s-published-rank-edition = NHOs publiserte plassering (utgåve{" "}
ranking-beside-our-computation-published-computed = ) ved sida av eiga berekning; publisert / berekna
ranking-total = Samla
ranking-computed-our-own-index-not = Berekna = eigen indeks, ikkje NHOs; «syntetisk» = byggjer på syntetiske inndata.
ranking-computed-from-synthetic-data = berekna frå syntetiske data

## report
report-status-report-to-the-council = Statusrapport til kommunestyret
report-the-report-is-generated-from = Rapporten blir laga frå dei same dataa som blir viste her: indikatorane mot ambisjonane, rangeringa, innsatsområda med strategiar og tiltak, avvik og kjelder. Rapporten er på norsk.
report-a-period-marked-final-downloads = Ein periode merka «Endeleg» blir lasta ned slik rapporten var då den vart fastsett; dei andre blir laga frå dataa når dei blir lasta ned.
report-download = Last ned
report-final = Endeleg
report-marked = fastsett
report-final-reports = Endelege rapportar
report-a-final-report-is-stored = Ein endeleg rapport er lagra slik den var då den vart fastsett, og blir ikkje endra når dataa blir endra. Kontrollsummen (SHA-256) viser at fila er den same.

## sources
sources-none = ingen
sources-verified = verifisert
sources-not-verified-against-ssb = ikkje verifisert mot SSB
sources-never = aldri
sources-table = Tabell{" "}
sources-not-verified-against-ssb-2 = Ikkje verifisert mot SSB.{" "}
sources-the-table-id-or-the = Tabellnummeret eller kodane er den beste kunnskapen vår og er ikkje stadfesta av offentlege kjelder. Tal frå denne tabellen kan mangle eller tyde noko anna når den blir henta frå SSB.
sources-replaces-table = Erstattar tabell{" "}
sources-not-fetched-from-ssb-no = Blir ikkje henta frå SSB: ingen kjend tabell (plasshaldar).
sources-evidence = Belegg
sources-series-from-the-table = Seriar frå tabellen
sources-series = Serie
sources-codes = Kodar
sources-real-years = Ekte år
sources-demo-years-synthetic = Demoår (syntetisk)
sources-rows = Rader
sources-last-imported = Sist importert
sources-where-every-figure-comes-from = Her står det kvar kvart tal kjem frå: kva SSB-tabell, om tabellnummer og kodar er stadfesta av offentlege kjelder, og kva år som byggjer på ekte data, og kva år som berre har demodata (syntetiske tal laga av naeringsplan, ikkje publiserte av SSB).
sources-tables-are-verified = tabellar er verifiserte
sources-series-are-verified = seriar er verifiserte
sources-series-have-real-data-in = seriar har ekte data i lageret.
sources-tables-marked-not-verified-against = Tabellar merka «ikkje verifisert mot SSB» byggjer på den beste kunnskapen vår. Sjå merknaden ved kvar tabell.
sources-the-indicators-real-or-demo = Indikatorane: ekte data eller demodata
sources-real-data = Ekte data
sources-demo-data = Demodata
sources-no-value = Utan verdi
sources-series-2 = Seriar
sources-tables-and-series = Tabellar og seriar
sources-the-same-as-json = Det same som JSON:{" "}
sources-fetch-real-figures = Hent ekte tal:{" "}

## staff-actions
staff-actions-the-title-may-not-be = Tittelen kan ikkje vere tom.
staff-actions-the-start-date-must-be = Startdatoen må vere ÅÅÅÅ-MM-DD.
staff-actions-the-end-date-must-be = Sluttdatoen må vere ÅÅÅÅ-MM-DD.
staff-actions-the-end-date-is-before = Sluttdatoen er før startdatoen.
staff-actions-choose-a-status = Vel ein status.
staff-actions-progress-must-be-a-whole = Framdrifta må vere eit heilt tal frå 0 til 100.
staff-actions-the-weight-must-be-a = Vekta må vere eit tal frå 0 til 1 000 000, eller tom.
staff-actions-new-action = Nytt tiltak
staff-actions-edit-action = Rediger tiltak
staff-actions-the-action-was-changed-by = Tiltaket er endra av nokon andre
staff-actions-someone-saved-changes-after-you = Nokon lagra endringar etter at du opna skjemaet. Ingenting av det du skreiv, er lagra, og ingenting er overskrive. Sjå kva som er endra, rett skjemaet om nødvendig og lagre på nytt.
staff-actions-changed-meanwhile = Endra i mellomtida
staff-actions-now = No:{" "}
staff-actions-version = versjon{" "}
staff-actions-the-form-has-errors = Skjemaet har feil:
staff-actions-short-and-unique-e-g = Kort og unik, t.d. T12.
staff-actions-title = Tittel
staff-actions-description = Skildring
staff-actions-one-per-line = Éin per linje.
staff-actions-start-date = Startdato
staff-actions-end-date = Sluttdato
staff-actions-progress-0-100 = Framdrift (0–100 %)
staff-actions-weight-in-the-roll-up = Vekt i oppsummeringa (valfri)
staff-actions-strategies-in = Strategiar i{" "}
staff-actions-save = Lagre
staff-actions-the-id-must-be-1 = Id må vere 1–32 teikn utan mellomrom, / , ? eller #.

## staff-bulk
staff-bulk-import-and-export = Import og eksport
staff-bulk-the-file-was-not-imported = Fila vart ikkje importert. Ingenting er endra. Problem:
staff-bulk-export = Eksport
staff-bulk-download-the-action-plan-as = Last ned tiltaksplanen som CSV
staff-bulk-download-as-excel-xlsx = Last ned som Excel (XLSX)
staff-bulk-import = Import
staff-bulk-upload-a-csv-or-xlsx = Last opp ei CSV- eller XLSX-fil med same kolonnar som eksporten. Rader med kjend id oppdaterer tiltaket (med kolonnen «version» berre dersom ingen har endra det sidan), nye id-ar opprettar tiltak. Alt blir lagra samla, eller ingenting.
staff-bulk-file-csv-or-xlsx = Fil (CSV eller XLSX)
staff-bulk-import-2 = Importer
staff-bulk-the-file-is-too-large = Fila er for stor (over 5 MB).
staff-bulk-the-upload-was-cut-off = Opplastinga vart avbroten eller er øydelagd; prøv igjen.
staff-bulk-choose-a-file = Vel ei fil.

## staff-home
staff-home-staff-pages = Internsider
staff-home-you-have-read-only-access = Du har lesetilgang og kan ikkje endre tiltak.
staff-home-deadlines = Fristar
staff-home-no-action-is-overdue-or = Ingen tiltak er over fristen eller har frist innan 30 dagar.
staff-home-overdue = Over fristen
staff-home-end-date = sluttdato{" "}
staff-home-due-within-30-days = Frist innan 30 dagar
staff-home-edit = Rediger
staff-home-latest-changes = Siste endringar
staff-home-the-latest-changes-to-all = Dei siste endringane i alle tiltak.

## staff-indicators
staff-indicators-status-of = Status for
staff-indicators-in-force-overridden = Gjeldande (overstyrt):{" "}
staff-indicators-see-the-indicator-and-its = Sjå indikatoren og historikken
staff-indicators-new-status = Ny status
staff-indicators-withdraw-the-override-use-the = Trekk tilbake overstyringa (bruk berekna status)
staff-indicators-justification-required-shown-publicly = Grunngiving (påkravd, blir vist offentleg)
staff-indicators-unknown-status = Ukjend status.
staff-indicators-the-status-is-overridden = Statusen er overstyrt.
staff-indicators-the-override-is-withdrawn = Overstyringa er trekt tilbake.

## staff-login
staff-login-log-in = Logg inn
staff-login-for-the-municipality-s-staff = For tilsette i kommunen som følgjer opp planen.
staff-login-user-name = Brukarnamn
staff-login-password = Passord
staff-login-this-account-has-no-access = Brukaren har ikkje tilgang til planen til denne kommunen.
staff-login-wrong-user-name-or-password = Feil brukarnamn eller passord.
staff-login-second = sekund
staff-login-seconds = sekund
staff-login-minute = minutt
staff-login-minutes = minutt

## staff
staff-staff-menu = Internmeny
staff-actions-staff = Tiltak (intern)
staff-earlier-plans = Tidlegare planar
staff-report-assessments = Vurderingane i rapporten
staff-users = Brukarar
staff-logged-in-as = Logga inn som{" "}
staff-log-out = Logg ut

## staff-plans
staff-plans-an-action-of-an-earlier = Eit tiltak frå ein tidlegare plan kan vidareførast til planen som nettstaden viser no
staff-plans-it-becomes-a-new-action = : det blir eit nytt tiltak der med same innhald, status og framdrift, og med lenkje til det gamle tiltaket, som framleis viser historikken sin. Strategiar som den nye planen ikkje har, fell bort. Det gamle tiltaket blir ikkje endra.
staff-plans-there-is-no-earlier-plan = Det finst ingen tidlegare plan for kommunen i databasen.
staff-plans-the-plan-s-actions-and = Tiltaka i planen og om dei er vidareførte
staff-plans-carry-over = Vidareføring
staff-plans-carried-over-as = Vidareført som{" "}
staff-plans-id-in-the-new-plan = Id i ny plan
staff-plans-carry-over-2 = Vidarefør{" "}
staff-plans-not-carried-over = Ikkje vidareført

## staff-report
staff-report-deviation = Avvik:{" "}
staff-report-saved = Lagra.
staff-report-current-version-by = Gjeldande versjon av{" "}
staff-report-published = publisert
staff-report-draft-not-published = utkast (ikkje publisert)
staff-report-assessment = Vurdering
staff-report-published-shown-in-the-public = Publisert (blir vist i den offentlege rapporten)
staff-report-save-the-assessment = Lagre vurderinga
staff-report-the-report-s-assessments = Vurderingane i rapporten
staff-report-the-whole-year = Heile året
staff-report-first-half-year = 1. halvår
staff-report-second-half-year = 2. halvår
staff-report-the-assessments-go-into-the = Vurderingane går inn i rapporten for perioden. Publiserte vurderingar blir viste i den offentlege rapporten; utkast berre i førehandsvisinga. Kvar lagring er ein ny versjon.
staff-report-preview-the-report-html = Førehandsvis rapporten (HTML)
staff-report-as-pdf = som PDF
staff-report-final-report = Endeleg rapport
staff-report-marked-final = fastsett
staff-report-the-assessments-can-no-longer = Vurderingane kan ikkje endrast lenger.
staff-report-see-it-on-the-report = Sjå den på rapportsida
staff-report-mark-as-final = Merk som endeleg
staff-report-every-deviation-has-a-published = Alle avvik har ei publisert forklaring. Når rapporten er endeleg, blir filene (PDF, Word, HTML, Markdown) lagra med SHA-256 og blir ikkje endra seinare, sjølv om dataa blir endra.
staff-report-mark-the-report-final = Merk rapporten som endeleg
staff-report-the-report-cannot-be-marked = Rapporten kan ikkje merkast som endeleg enno: desse avvika manglar ei publisert forklaring:
staff-report-overall-assessment = Samla vurdering
staff-report-late-actions = Forseinka tiltak

## staff-users
staff-users-staff-with-access = Tilsette med tilgang
staff-users-shown-publicly-as = Blir vist offentleg som
staff-users-role = Rolle
staff-users-account = Konto
staff-users-change = Endre
staff-users-disabled = sperra
staff-users-active = aktiv
staff-users-role-for = Rolle for{" "}
staff-users-set-role = Set rolle
staff-users-enable = Opne
staff-users-disable = Sperr
staff-users-new-user = Ny brukar
staff-users-display-name = Visingsnamn
staff-users-shown-publicly-for-the-user = Blir vist offentleg ved endringane til brukaren, aldri brukarnamnet. Tomt: rolla («redaktør»).
staff-users-at-least = Minst{" "}
staff-users-characters = {" "}teikn.
staff-users-add = Legg til
staff-users-unknown-role-choose-viewer-editor = Ukjend rolle: vel viewer, editor eller admin.
staff-users-added = La til
staff-users-unknown-user = Ukjend brukar.
staff-users-you-cannot-remove-your-own = Du kan ikkje ta frå deg sjølv administratorrolla.
staff-users-unknown-role = Ukjend rolle.
staff-users-you-cannot-disable-yourself = Du kan ikkje sperre deg sjølv.
staff-users-unknown-operation = Ukjend handling.
staff-users-changed = Endra

## staff-visits
staff-visits-record-a-visit = Registrer eit besøk
staff-visits-company-name-if-not-in = Namnet på verksemda (dersom den ikkje er i registeret)
staff-visits-date = Dato
staff-visits-kind = Type
staff-visits-company-visit = Bedriftsbesøk
staff-visits-dialogue-meeting = Dialogmøte
staff-visits-part-of-the-municipality = Del av kommunen
staff-visits-participants-one-per-line = Deltakarar (éin per linje)
staff-visits-topics-one-per-line = Tema (eitt per linje)
staff-visits-follow-ups-one-per-line = Oppfølging (eitt punkt per linje, strategiar og tiltak i hakeparentes til slutt: «Tekst [5.7-s1, T3]»)
staff-visits-save-the-visit = Lagre besøket
staff-visits-recorded-visits-personal-data-staff = Registrerte besøk (personopplysningar: berre for tilsette)
staff-visits-company = Verksemd
staff-visits-participants = Deltakarar
staff-visits-topics = Tema
staff-visits-follow-ups = Oppfølging
staff-visits-deletion-after-the-retention-period = Sletting etter lagringstida
staff-visits-delete-visits-older-than-months = Slett besøk eldre enn (månader)
staff-visits-the-counts-are-kept-in = Talet på besøk blir teke vare på i statistikken, utan namn og tekst.
staff-visits-delete-old-visits = Slett gamle besøk
staff-visits-company-visits-staff = Bedriftsbesøk (intern)
staff-visits-public-statistics-of-the-visits = Offentleg statistikk over besøka
staff-visits-the-organisation-number-is-not = Organisasjonsnummeret er ikkje gyldig
staff-visits-the-date = Datoen
staff-visits-is-not-a-strategy-or = er ikkje ein strategi eller eit tiltak i planen.
staff-visits-the-company-is-not-in = Verksemda finst ikkje i registeret; skriv inn namnet.
staff-visits-visit = Besøk
staff-visits-delete-the-visit = Slett besøket
staff-visits-all-visits = Alle besøk
staff-visits-visits-dated-before = besøk daterte før
staff-visits-were-deleted = er sletta.

## plan: action status
status-not-started = Ikkje starta
status-in-progress = Pågår
status-completed = Fullført
status-delayed = Forseinka
status-on-hold = Sett på vent
status-cancelled = Avlyst

## i18n: the crate's own test
i18n-test-count = { $n } { $what }

## guard and API refusals
guard-not-allowed = Ikkje tillate.
guard-read-only = Du har berre lesetilgang.
guard-admins-only = Berre administratorar kan gjere dette.
guard-csrf-missing = Skjemaet manglar ein gyldig tryggingskode (CSRF). Last inn sida på nytt og prøv igjen.
api-token-may-not-change-actions = Brukaren til denne nøkkelen kan ikkje endre tiltak.

## verdicts (an indicator's year judged against the plan's ambition)
verdict-achieved = Nådd
verdict-not-achieved = Ikkje nådd
verdict-no-data = Kan ikkje vurderast (manglar data)
verdict-no-ambition = Ingen ambisjon dette året
verdict-demo-not-judged = Demodata – ikkje vurdert

## engine: labels of sources, verdicts, checks, projections and trends
value-basis-computed = berekna
value-basis-imported = importert publisert tal
value-basis-plan-quote = sitert frå planen

source-plan-quote = sitert frå planen
source-published = publisert tal
source-computed = berekna frå reelle data
source-demo = demodata

verdict-inline-achieved = nådd
verdict-inline-not-achieved = ikkje nådd
verdict-inline-no-data = ingen data
verdict-inline-no-ambition = ingen ambisjon
verdict-inline-demo-not-judged = demodata – ikkje vurdert

check-outcome-met = oppfylt
check-outcome-not-met = ikkje oppfylt
check-outcome-no-data = kan ikkje vurderast

projection-verdict-target-reached = målet er nådd
projection-verdict-on-track = på veg mot målet
projection-verdict-needs-faster-pace = treng høgare tempo
projection-verdict-not-reached = målet vart ikkje nådd
projection-verdict-no-target = ingen målverdi å vurdere mot
projection-verdict-demo-not-judged = ikkje vurdert – demodata
projection-verdict-not-available = kan ikkje framskrivast

trend-status-target-achieved = målet er nådd
trend-status-substantial-progress = god framgang
trend-status-moderate-progress = noko framgang, må forsterkast
trend-status-limited-progress = avgrensa framgang
trend-status-deterioration = utvikling i feil retning
trend-status-not-available = kan ikkje bereknast

growth-cagr = Open SDG: årleg vekstrate (CAGR) observert mot den som trengst for å nå målet
growth-absolute-change = absolutt endring per år (prosentpoeng) observert mot den som trengst for å nå målet (for prosentdelar og forholdstal, som kan vere null eller negative, i staden for vekstraten til Open SDG)

## engine: the reasoning behind a year's verdict (values come formatted)
judge-rank = plass { $rank }
judge-ambition-year = Ambisjon { $year }
judge-headline-rule = Hovudregel
judge-check-without-value = { $what } ({ $op } { $target }): ingen verdi – { $outcome }
judge-increase-from = Auke frå { $previous }
judge-decrease-from = Nedgang frå { $previous }
judge-no-previous-value = { $what }: ingen verdi for { $previous } å samanlikne med – { $outcome }
judge-no-value-to-compare = { $what }: ingen verdi for { $year } – { $outcome }
judge-value-is = Verdien for { $year } er { $value } ({ $source }).
judge-value-is-synthetic = Verdien for { $year } er { $value } ({ $source }, SYNTETISKE DATA).
judge-no-value = Ingen verdi for { $year } (korkje berekna, importert eller sitert i planen).
judge-ambition-is = Ambisjonen for { $year } er { $op } { $target }.
judge-ambition-is-rank = Ambisjonen for { $year } er plass { $op } { $target }.
judge-no-ambition = Planen har inga ambisjon for { $year }.
judge-value-demo-not-judged = Verdien byggjer på demodata (syntetiske data) og blir ikkje vurdert.
judge-previous-demo-not-judged = Verdien for { $previous } byggjer på demodata; samanlikninga med han blir ikkje vurdert.
judge-for-information = { $check } (til informasjon).
judge-verdict = Vurdering: { $verdict }.

## web: indicator cards
indicators-no-real-results-yet = Ingen resultat frå reelle data enno.

## maps
maps-map-data-kartverket-cc-by = Kartgrunnlag: © Kartverket, CC BY 4.0
maps-projection-utm-zone-33-epsg = Projeksjon UTM sone 33 (EPSG:25833).
maps-demo-data-not-real-figures = Demodata – ikkje reelle tal.
maps-the-plan-s-municipality-circled = kommunen i planen (ringa inn)
maps-thick-lines-are-county-borders = Tjukke strekar er fylkesgrenser.{" "}

## indicator (maps)
indicator-demo = {" "}(demo)
indicator-demo-value-not-shown-as = (demoverdi, ikkje vist som reell)
indicator-below = under{" "}
indicator-and-above = {" "}og over
indicator-all-values = alle verdiar
indicator-map-of-every-municipality-coloured = Kart over alle kommunane, farga etter verdien til indikatoren. Verdiane finst som JSON (lenkja over).
indicator-in-fifths-darker-is-a = , i femdelar (mørkare er høgare verdi).
indicator-demo-values-are-not-coloured = Demoverdiar er ikkje farga som reelle.
indicator-every-municipality-on-a-map = Alle kommunar på kart

## local-registers (maps)
local-registers-map-of-the-commercial-land-2 = Kart over næringsareala, farga etter tilgjenge, på kommunegrensa med nabokommunane rundt. Tabellen under har dei same opplysningane.
local-registers-the-register-s-sites-today = Tomtene i registeret i dag, på kommunegrensa (2024-grenser).{" "}
local-registers-neighbouring-municipalities-on-the-map = Nabokommunar i kartet (lyse):{" "}
local-registers-example-data-not-the-municipality = Døme på data – ikkje tomtene til kommunen.
local-registers-projection-utm-zone-33-epsg = Projeksjon UTM sone 33 (EPSG:25833), inkje bakgrunnskart.{" "}

## ranking (maps)
ranking-no-outlines-for-the-municipal = Ikkje kartgrunnlag for kommunegrensene per{" "}
ranking-map-of-the-municipalities-coloured = Kart over kommunane, farga etter samla plass i rangeringa. Tabellen under har dei same tala.
ranking-total-rank-data-year = Samla plass, dataår{" "}
ranking-in-fifths-the-darkest-is = , i femdelar (mørkast er best); kommunegrensene per{" "}

## app: the action plan as a spreadsheet (columns, problems)
sheet-column-id = id
sheet-column-title = tittel
sheet-column-description = skildring
sheet-column-strategies = strategiar
sheet-column-owner = ansvarleg
sheet-column-partners = partnarar
sheet-column-start = start
sheet-column-end = slutt
sheet-column-status = status
sheet-column-progress = framdrift
sheet-column-comment = kommentar
sheet-column-weight = vekt
sheet-column-version = versjon
sheet-row-column = rad { $row }, kolonne { $column }: { $message }
sheet-row = rad { $row }: { $message }
sheet-column-twice = kolonnen står to gonger
sheet-unknown-column = ukjend kolonne – venta nokre av { $columns }
sheet-no-id-column = overskriftsrada har inga id-kolonne
sheet-empty-id = tom id
sheet-id-again = tiltak { $id } står på nytt (første gong på rad { $first })
sheet-unknown-status = ukjend status «{ $value }» – venta ein av { $statuses }
sheet-not-progress = «{ $value }» er ikkje eit heilt tal frå 0 til 100
sheet-not-date = «{ $value }» er ikkje ein dato ÅÅÅÅ-MM-DD
sheet-not-weight = «{ $value }» er ikkje eit tal ≥ 0
sheet-not-version = «{ $value }» er ikkje eit versjonsnummer
sheet-unknown-strategy = ukjend strategi «{ $value }»
sheet-empty-title = tom tittel
sheet-new-needs-title = nytt tiltak { $id } må ha ein tittel
sheet-problems = { $n ->
    [one] Eitt problem; ingenting vart importert:
   *[other] { $n } problem; ingenting vart importert:
}
sheet-more-problems = … og { $more } problem til (dei første { $shown } er viste)
sheet-conflict = { $problem }; ingenting vart importert – prøv igjen

## staff: spreadsheet import results
staff-bulk-imported = Importert: { $created } nye, { $updated } endra, { $unchanged } uendra.
staff-bulk-nothing-imported = { $file }: ingenting vart importert.

## startup
startup-the-server-could-not-start = Oppstarten gjekk ikkje
startup-preparing-data = Førebur data …
startup-the-service-has-just-started = Tenesta har nettopp starta og legg inn dei innebygde dataa (statistikk frå SSB og KLASS, eit SYNTETISK demoregister). Sida oppdaterer seg sjølv.
startup-the-data-could-not-be = Dataa kunne ikkje leggjast inn, så sidene kan ikkje visast. Feilen er skriven i loggen til tenesta:
startup-step = Steg { $number } av { $of }: { $what }{ $count }
startup-step-import-files = importerer KLASS- og SSB-tabellar, filer
startup-step-demo-register = lagar det SYNTETISKE demoregisteret (Einingsregisteret), rader lesne
startup-step-examples = legg inn SYNTETISKE eksempeldata (næringsareal, innkjøp)
startup-step-evaluate = bereknar indikatorane og rangeringa

## engine: projection to the plan's end (values come formatted)
projection-window-trend = same periode og tempo som trendvurderinga
projection-window-latest = dei siste reelle verdiane
projection-method-linear = siste reelle verdi vidareført med den gjennomsnittlege endringa per år i perioden (lineært; { $window })
projection-method-cagr = siste reelle verdi vidareført med den årlege vekstraten (CAGR) i perioden ({ $window })
projection-method-average = gjennomsnittet av dei reelle verdiane i perioden ({ $window }); indikatoren blir målt mot det same kravet kvart år og svingar frå år til år, så endringa blir ikkje vidareført
projection-no-target = planen set inga målverdi; framskriven til { $to_year }: { $projected }
projection-reached = siste reelle verdi ({ $latest_year }: { $latest }) når målet { $target } for { $target_year }
projection-passed = målåret { $target_year } er passert; siste reelle verdi ({ $latest_year }: { $latest }) nådde ikkje målet { $target }
projection-average-meets = gjennomsnittet { $first_year }–{ $latest_year } er { $at_target_year }, som når kravet { $target } for { $target_year }
projection-average-misses = gjennomsnittet { $first_year }–{ $latest_year } er { $at_target_year }, som ikkje når kravet { $target } for { $target_year }
projection-pace-meets = med tempoet frå { $first_year } til { $latest_year } blir verdien { $at_target_year } i { $target_year }, som når målet { $target }
projection-pace-misses = med tempoet frå { $first_year } til { $latest_year } blir verdien { $at_target_year } i { $target_year }, som ikkje når målet { $target }
projection-period-over = siste reelle verdi er frå { $latest_year }; planperioden sluttar { $to_year }
projection-needs-two-years = treng minst to år med reelle verdiar
projection-latest-demo = dei siste verdiane er demodata (syntetiske); det blir ikkje framskrive frå dei
projection-no-real-values = ingen verdiar frå reelle data

## local registers: demo notes
local-registers-land-invented = Arealregisteret inneheld oppdikta tomter (eksempeldata), ikkje tala til kommunen.
local-registers-ledger-invented = Fakturajournalen og/eller Einingsregisteret er oppdikta (eksempeldata), ikkje innkjøpa til kommunen.
local-registers-visits-invented = Besøka er oppdikta (eksempeldata).

## staff flows (issue 19 item 5)
staff-saved = Lagra.
staff-status-update = Oppdater status
staff-status-hint = Berre status, framdrift og kommentar. Endringa blir ført i historikken; resten av tiltaket endrar du i skjemaet under.
staff-status-save = Lagre status
staff-status-label = Status
staff-full-edit = Alle opplysningar om tiltaket
staff-view-public-page = Sjå den offentlege sida
staff-edit-action-link = Rediger tiltaket
staff-edit-indicator-link = Rediger: overstyr status
staff-visits-find-company = Finn verksemda i Einingsregisteret
staff-visits-search-name = Namnet på verksemda
staff-visits-find-hint = Søkjer i registeret som er lasta inn, blant einingane i kommunen. Vel eit treff for å fylle inn organisasjonsnummeret.
staff-visits-search = Søk
staff-visits-no-register = Ingen registerdata er lasta inn, så det er ingenting å søkje i. Skriv organisasjonsnummeret.
staff-visits-too-short = Skriv minst to teikn av namnet.
staff-visits-no-hits = Ingen treff for «{ $query }».
staff-visits-hits = { $count } treff for «{ $query }» (høgst 20 blir viste):
staff-visits-not-present = sletta, konkurs eller avvikla
staff-visits-chosen = Valt: { $name }
staff-visits-area-hint = Den tidlegare kommunen. Planen har enno inga eiga liste over delar av kommunen.
staff-visits-area-none = ikkje oppgitt
staff-visits-area-kept = (som registrert før)
staff-visits-area-unknown = Vel ein del av kommunen frå lista.
staff-import-preview-title = Førehandsvising av importen
staff-import-preview-intro = Ingenting er lagra enno. Sjå over endringane og stadfest importen nedst.
staff-import-summary = Fil: { $file }. { $created } nye, { $changed } blir endra, { $unchanged } uendra.
staff-import-created = Nye tiltak
staff-import-changed = Blir endra
staff-import-unchanged = Uendra
staff-import-field = Felt
staff-import-before = Før
staff-import-after = Etter
staff-import-confirm = Stadfest importen
staff-import-cancel = Avbryt
staff-import-nothing = Fila endrar ingenting.
staff-import-stale-title = Fila er eldre enn tiltaksplanen
staff-import-stale = Fila vart lasta ned før nokon endra desse tiltaka: { $actions }. Ein import ville skrive over dei nyare endringane, så ingenting er importert. Last ned tiltaksplanen på nytt, gjer endringane dine i den nye fila og last ho opp att.
staff-import-stale-row = { $id } (rad { $row }): versjon { $file } i fila, no versjon { $now }, sist endra av { $by } { $at }.
staff-import-moved = Tiltaksplanen er endra etter førehandsvisinga, så ingenting er importert. Slik ville importen blitt no:
staff-import-done = Importert: { $created } nye, { $changed } endra, { $unchanged } uendra.
staff-import-conflict = Nokon endra tiltaka medan importen vart skriven, så ingenting er importert. Prøv igjen.
staff-import-broken = Den opplasta fila kom ikkje med til stadfestinga. Last ho opp på nytt.

## phone width (issue 19 item 3)
layout-menu = Meny

## districts (dist20)
districts-title = Per distrikt
districts-intro = Registertal, næringsareal og bedriftsbesøk per distrikt, slik planfila avgrensar distrikta (postnummer, tidlegare kommunar og stadnamn). Avgrensinga er vår, ikkje planen si, og kan endrast i planfila.
districts-col-district = Distrikt
districts-col-units = Einingar
districts-col-employees = Tilsette
districts-col-withheld = Med skjult tal tilsette
districts-col-registrations = Registrert { $year }
districts-col-bankruptcies = Konkursar { $year }
districts-col-bankrupt = Under konkurs
districts-outside = Utanfor distrikta
districts-caption-enheter = Føretak (einingar) etter postnummeret til forretningsadressa, augneblinksbilete { $date }
districts-caption-underenheter = Verksemder (undereiningar) etter postnummeret til lokaliseringa, augneblinksbilete { $date }
districts-synthetic = SYNTETISKE DATA, ikkje tala til kommunen
districts-no-postal-codes = Dette augneblinksbiletet vart importert før databasen tok vare på postnummer. Importer fila på nytt for å få tal per distrikt.
districts-no-register = Databasen har ingen registerdata enno.
districts-outside-codes = Postnummer som ikkje ligg i noko distrikt
districts-no-postal-code = utan postnummer
districts-col-postal-code = Postnummer
districts-col-municipality = Kommunenummer
districts-col-examples = Døme
districts-none-outside = Alle einingane ligg i eit distrikt.
districts-caption-land = Næringsareal i bestanden (ledig, reservert eller utbygd) etter stad
districts-col-sites = Areal
districts-col-area = Areal (daa)
districts-col-future = Ledig eller reservert (daa)
districts-caption-visits = Bedriftsbesøk etter område
districts-col-visits = Besøk
districts-col-companies = Bedrifter
districts-outside-places = Stader og område utanfor distrikta: { $places }
districts-employees-note = Tilsette er summen av publiserte tal; einingar med skjult tal blir talde for seg, aldri som 0. Registrert og konkursar gjeld det siste heile året i augneblinksbiletet.
districts-definition = Avgrensing
## actions in the budget cycle and the 5.9 tasks (issue 20)
sheet-column-cost_estimate = kostnadsoverslag
sheet-column-budget_years = budsjettår
sheet-column-funding_source = finansiering
sheet-column-handlingsprogram = handlingsprogram
sheet-column-contact = kontaktperson
sheet-column-milestones = milepælar
sheet-column-priority_year = topp 10-år
sheet-column-priority_decision = topp 10-vedtak
sheet-column-priority_decided = topp 10-vedtaksdato
sheet-column-tasks = oppgåver
sheet-unknown-task = ukjend oppgåve «{ $value }» (oppgåvene i 5.9 har id som 5.9.2-o1)
sheet-not-cost = «{ $value }» er ikkje eit beløp i heile kroner
sheet-not-years = «{ $value }» er ikkje eit årstal (fire siffer, t.d. 2025; ein periode som 2025–2027)
sheet-not-milestone = «{ $value }» er ikkje ein milepæl: skriv dato og tittel, t.d. «2025-06-30 Mandat vedteke», med [x] framfor ein nådd milepæl
sheet-priority-needs-year = vedtak og vedtaksdato for topp 10 treng eit år
actions-cost-estimate = Kostnadsoverslag
actions-kroner = kr
actions-budget-years = Budsjettår
actions-funding-source = Finansiering
actions-handlingsprogram = Handlingsprogram
actions-contact = Kontaktperson
actions-milestones = Milepælar
actions-milestone-reached = nådd
actions-priority = Topp 10
actions-priority-heading = Topp 10 for { $year }
actions-priority-decided = Vedteke: { $decision }
actions-priority-none-decided = utan registrert vedtak
actions-priority-caption = Årets prioriterte tiltak, viste først
actions-tasks = Oppgåver i 5.9 som tiltaket følgjer opp
history-field-cost_estimate = kostnadsoverslag
history-field-budget_years = budsjettår
history-field-funding_source = finansiering
history-field-handlingsprogram = handlingsprogram
history-field-contact = kontaktperson
history-field-milestones = milepælar
history-field-priority = topp 10
history-field-tasks = oppgåver
staff-actions-budget-legend = Budsjett og oppfølging
staff-actions-cost-hint = Heile kroner, t.d. 250000.
staff-actions-budget-years-hint = T.d. «2025; 2026» eller «2025–2027».
staff-actions-handlingsprogram-hint = Punktet i handlingsprogrammet, t.d. «HP 2025–2028, tiltak 4.3».
staff-actions-milestones-hint = Éin per linje: dato og tittel, t.d. «2025-06-30 Mandat vedteke». Skriv [x] framfor ein milepæl som er nådd.
staff-actions-priority-year = Topp 10 for år
staff-actions-priority-year-hint = Tomt: tiltaket er ikkje mellom dei prioriterte i år.
staff-actions-priority-decision = Vedtak om topp 10 (t.d. «Formannskapet sak 12/25»)
staff-actions-priority-decided = Vedtaksdato
staff-actions-tasks-in = Oppgåver i { $number } { $title }
staff-actions-cost-invalid = Kostnadsoverslaget må vere eit heilt tal kroner.
staff-actions-years-invalid = Budsjettår må vere årstal, t.d. «2025; 2026»: { $value }
staff-actions-milestone-invalid = Kvar milepæl treng ein dato ÅÅÅÅ-MM-DD og ein tittel: { $value }
staff-actions-priority-year-invalid = Topp 10-året må vere eit årstal, t.d. 2025.
staff-actions-priority-needs-year = Vedtak og vedtaksdato for topp 10 treng eit år.
staff-actions-priority-date-invalid = Vedtaksdatoen må vere ein dato ÅÅÅÅ-MM-DD.
premises-title = Føresetnader utanfor planen (5.9)
premises-intro = Planen set ikkje strategiar for desse områda, men listar viktige næringsfaglege arbeidsoppgåver. Kvar oppgåve blir vist med tiltaka som følgjer henne opp.
premises-task = Oppgåve
premises-actions = Tiltak
premises-no-action = ingen tiltak enno
premises-tasks-caption = Arbeidsoppgåver i { $number } med tiltaka som følgjer dei opp
