
## charts
charts-quoted-in-the-plan = Sitert fra planen
charts-published-e-g-nho = Publisert (f.eks. NHO)
charts-computed-from-real-data = Beregnet fra reelle data
charts-demo-data-synthetic-not-judged = Demodata (syntetisk, ikke vurdert)
charts-small-chart-of-results-one = Små-graf over resultater (én linje per kilde; demodata stiplet) og ambisjoner (sirkler) per år; tallene står i tabellen på indikatorsiden.
charts-results-by-year-one-line = Resultater per år, én linje per kilde, og ambisjoner (stiplet).{" "}
charts-ambition = ambisjon
charts-projected = Framskrevet{" "}
charts-ambition-2 = Ambisjon
charts-projection-real-data = Framskriving (reelle data)
charts-rank-1-at-the-top = (plass 1 øverst)
charts-real-values-by-municipality = Reelle verdier per kommune
charts-real-values = Reelle verdier{" "}
charts-demo-data-is-not-drawn = ; demodata vises ikke i figuren.
charts-no-actions = ingen tiltak

## error
error-bad-request = Ugyldig forespørsel
error-request-too-large = For stor forespørsel
error-the-form-has-errors = Skjemaet har feil
error-conflict = Konflikt
error-precondition-required = Forutsetning mangler
error-not-allowed = Ikke tillatt
error-to-the-staff-pages = Til internsidene

## layout
layout-skip-to-content = Hopp til innholdet
layout-main-menu = Hovedmeny
layout-indicators = Indikatorer
layout-focus-areas = Innsatsområder
layout-key-figures = Nøkkeltall
layout-actions = Tiltak
layout-progress = Fremdrift
layout-ranking = Rangering
layout-report = Rapport
layout-commercial-land = Næringsarealer
layout-procurement = Anskaffelser
layout-company-visits = Bedriftsbesøk
layout-sources = Kilder
layout-plans = Planer
layout-staff = For ansatte
layout-the-plan-period-has-ended = Planperioden er avsluttet.{" "}
layout-the-plan-covered = Planen gjaldt{" "}
layout-its-figures-actions-and-reports = Tallene, tiltakene og rapportene vises fortsatt for etterprøving. Den nye planen er{" "}
layout-all-plans = Alle planer
layout-its-figures-actions-and-reports-2 = Tallene, tiltakene og rapportene vises fortsatt for oppfølging og etterprøving; ingen ny plan er lastet inn her.
layout-this-is-an-earlier-plan = Dette er en tidligere plan.{" "}
layout-the-new-plan-is = Den nye planen er{" "}
layout-figures-are-computed-from-official = Tallene er beregnet fra offisielle kilder der det er mulig; sitater fra planen er merket med kilde.
layout-last-updated = Sist oppdatert:{" "}
layout-newest-data-import-or-action = {" "}(nyeste import av data eller endring i tiltakene, norsk tid).
layout-demonstration = Demonstrasjon.{" "}
layout-where-real-figures-are-missing = Der ekte tall mangler, viser denne installasjonen demodata: syntetiske tall laget av en dokumentert generator i de offisielle kildenes format. Demotall er merket «demo» og vurderes aldri mot planens mål – de er en demonstrasjon av metoden, ikke et resultat. Ekte data hentes med{" "}
layout-needs-the-network-or = {" "}(krever nett) eller{" "}
layout-demo-data = Demodata.{" "}
layout-some-figures-on-this-page = Noen tall på denne siden er laget av en generator med samme format som de offisielle kildene, ikke hentet fra dem. De er merket «demo», tegnes som egen stiplet linje og vurderes ikke.
layout-not-verified-against-ssb = Ikke verifisert mot SSB:{" "}
layout-table = tabell{" "}
layout-the-table-id-or-codes = Tabellnummeret eller kodene er vår beste kunnskap og er ikke bekreftet av offentlige kilder; tall fra disse tabellene kan utebli eller bety noe annet når de hentes fra SSB.{" "}
layout-see-the-sources = Se kildene

## actions
actions-show-all = (vis hele)
actions-late = forsinket
actions-the-action-plan = Tiltaksplanen
actions-focus-area = Innsatsområde
actions-all = Alle
actions-strategy = Strategi
actions-owner = Ansvarlig
actions-text-in-action-or-strategy = Tekst i tiltak eller strategi
actions-late-only = Bare forsinkede
actions-show = Vis
actions-of = av
actions-actions = tiltak
actions-actions-with-strategies-owner-status = Tiltak med strategier, ansvarlig, status og fremdrift.
actions-action = Tiltak
actions-strategies = Strategier
actions-last-changed = Sist endret
actions-progress = fremdrift
actions-when-norwegian-time = Når (norsk tid)
actions-who = Hvem
actions-field = Felt
actions-before = Før
actions-after = Etter
actions-version = Versjon
actions-partners = Partnere
actions-end = Slutt
actions-comment = Kommentar
actions-drawn-from-the-plan-text = Hentet fra planteksten
actions-by = av
actions-carried-over-from = Videreført fra
actions-action-2 = tiltak{" "}
actions-in = i
actions-carried-over-to = Videreført til
actions-history = Historikk
actions-every-change-newest-first = Alle endringer, nyeste først.
actions-history-from = Historikk fra{" "}
actions-the-changes-to-action = Endringene i tiltak
actions-before-it-was-carried-over = før det ble videreført, nyeste først.

## area
area-monitored-by-the-key-figure = Følges med nøkkeltallet:{" "}
area-year = År
area-value = Verdi
area-source = Kilde
area-no-value = Ingen verdi:{" "}
area-added-on-adoption-amendment = Tilføyd ved vedtak, endring{" "}
area-progress-strategies-without-actions-count = Fremdrift (strategier uten tiltak teller som 0 %):{" "}
area-progress-by-strategy = Fremdrift per strategi
area-facts = Fakta
area-quoted-from-the-plan-s = Sitert fra planens faktabokser (2019-tall). Beregnede tall fra registrene kommer ved siden av når de er hentet inn.
area-fact-quoted = Fakta (sitert)
area-section = Avsnitt
area-computed = Beregnet
area-synthetic = syntetisk
area-not-computed-yet = ikke beregnet ennå
area-not-computed = beregnes ikke
area-strategies-and-actions = Strategier og tiltak

## home
home-adopted-by = Vedtatt av{" "}
home-plan-period = Planperiode{" "}
home-the-action-plan-as-it = Tiltaksplanen slik den står nå.
home-the-plan-s-indicator-table = Indikatortabellen i planen
home-results-bold-and-ambitions-grey = Resultater (uthevet) og ambisjoner (grå, med ≤/≥) per år, slik planen oppgir dem (kap. 6).
home-indicator = Indikator
home-no-value = ingen verdi
home-no-results-from-real-data = Ingen resultater fra reelle data ennå
home-ambition = Ambisjon{" "}
home-demo = demo
home-focus-areas-and-strategies = Innsatsområder og strategier

## indicator
indicator-latest-result-from-real-data = Siste resultat fra reelle data:{" "}
indicator-no-results-from-real-data = Ingen resultater fra reelle data ennå.
indicator-demo-value = Demoverdi{" "}
indicator-made-by-the-demo-generator = laget av generatoren for demonstrasjon, ikke et resultat; vurderes ikke.
indicator-figures-by-year = Tall per år
indicator-results-and-ambitions-by-year = Resultater og ambisjoner per år. Et år kan mangle begge.
indicator-result = Resultat
indicator-verdict = Vurdering
indicator-also = Også:{" "}
indicator-progress-towards-the-target = Utviklingen mot målet
indicator-overridden = overstyrt
indicator-computed-status = Beregnet status:{" "}
indicator-overridden-by = Overstyrt av{" "}
indicator-method = Metode
indicator-only-values-from-real-data = Bare verdier fra reelle data inngår; demodata aldri.
indicator-base = Grunnlag
indicator-latest = Siste
indicator-target = Mål
indicator-annual-change-observed-required = Årlig endring observert / nødvendig
indicator-note = Merknad
indicator-cannot-be-assessed-yet = Kan ikke vurderes ennå.
indicator-projection-to = Framskriving til{" "}
indicator-pace = Tempo{" "}
indicator-pace-needed-to-reach-the = Nødvendig tempo for å nå målet fra{" "}
indicator-not-a-forecast-only-the = Ingen prognose: bare dagens tempo videreført.
indicator-compared-with-other-municipalities = Sammenlignet med andre kommuner
indicator-the-values-are-computed-by = Verdiene er beregnet etter de samme definisjonene for hver kommune, på kommunens egne grenser. Planens ambisjoner gjelder{" "}
indicator-and-are-not-applied-to = {" "}og brukes ikke på de andre. Demodata er merket og rangeres ikke.
indicator-municipality-codes-to-compare-with = Kommunenumre å sammenligne med (kommaseparert)
indicator-compare = Sammenlign
indicator-or-find-the-most-similar = Eller finn de mest like kommunene (antall)
indicator-find-similar = Finn lignende
indicator-the-municipalities-most-similar-to = De kommunene som ligner mest på{" "}
indicator-in = {" "}i{" "}
indicator-by-a-weighted-distance-over = , etter en vektet avstand over standardiserte kjennetegn (målt i standardavvik; lavere er likere;{" "}
indicator-municipalities-have-every-feature = {" "}kommuner har alle kjennetegnene):
indicator-features-marked-demo-rest-on = Kjennetegn merket demo bygger på syntetiske tall: utvalget er et eksempel på metoden, ikke et funn.
indicator-features-and-weights = Kjennetegn og vekter:{" "}
indicator-no-longer-exists-not-compared = (finnes ikke lenger; ikke sammenlignet)
indicator-is-number = {" "}er nr.{" "}
indicator-of = {" "}av{" "}
indicator-among-the-municipalities-here-with = {" "}blant kommunene her med reelle tall for{" "}
indicator-highest-first = {" "}(høyest først).
indicator-lowest-first = {" "}(lavest først).
indicator-by-municipality-and-year = , per kommune og år
indicator-municipality = Kommune
indicator-median-all-municipalities = Median, alle kommuner
indicator-median-the-county = Median, fylket
indicator-is-at-percentile = {" "}har persentil{" "}
indicator-among-all = {" "}blant alle{" "}
indicator-municipalities-with-real-figures-for = {" "}kommuner med reelle tall for{" "}
indicator-the-share-of-the-other = {" "}(andelen av de andre kommunene med lavere verdi). Medianene er av reelle tall; demodata er ikke med.{" "}
indicator-the-plan-s-municipality-has = Planens kommune har ingen reelle tall å plassere blant alle kommunene.{" "}
indicator-every-municipality-s-values-json = Alle kommunenes verdier (JSON)
indicator-status-overrides-all-oldest-first = Overstyringer av status (alle, eldste først)
indicator-when = Når
indicator-justification = Begrunnelse
indicator-withdrawn = trukket tilbake
indicator-override-the-status-staff = Overstyr status (ansatte)
indicator-about-the-data = Om dataene
indicator-download-every-figure-on-this = Last ned alle tallene på siden med kilde og merking av demodata:{" "}
indicator-source-tables = Kildetabeller:{" "}
indicator-last-fetched = Sist hentet{" "}
indicator-not-fetched-yet = Ikke hentet ennå.
indicator-about-the-indicator = Om indikatoren
indicator-target-in-the-plan = Mål i planen
indicator-how-a-year-is-judged = Hvordan et år vurderes
indicator-the-result-is-compared-with = Resultatet sammenlignes med årets ambisjon (
indicator-a-year-without-an-ambition = ; et år uten ambisjon vurderes ikke (målet i planen vises til informasjon). En verdi som bygger på demodata vurderes aldri.
indicator-how-the-figure-is-obtained = Hvordan tallet fremkommer
indicator-published-by = Publisert av{" "}
indicator-imported-as-published = ; hentet inn som publisert.
indicator-computed-by-the-definition = Beregnes etter definisjonen{" "}
indicator-of-the-plan-s-chapter = {" "}i planens kapittel 9, fra statistikken i lageret. Et år med både beregnet tall og tall sitert fra planen viser begge; verdien som teller er den beregnede, så den publiserte, så planens, og reelle data går alltid foran demodata.
indicator-percentage-points = prosentpoeng

## key-figures
key-figures-missing = mangler
key-figures-key-figures-for = Nøkkeltall for
key-figures-the-key-figures-of-the = Nøkkeltallene fra planens kapittel 3 (
key-figures-computed-from-the-statistics-in = ), beregnet fra statistikken i lageret for valgt kommune og år etter de samme definisjonene som indikatorene. Planens egne tall står ved siden av der planen siterer et tall. Verdier merket «demo» bygger på syntetiske demodata; de vises, men sammenlignes og vurderes ikke.
key-figures-compare-with-municipality-codes-comma = Sammenlign med (kommunenumre, kommaseparert)
key-figures-key-figure = Nøkkeltall
key-figures-the-plan-s-figure = Planens tall
key-figures-not-quoted = ikke sitert
key-figures-missing-2 = Mangler:{" "}
key-figures-the-plan = Planen:{" "}
key-figures-compared-with-other-municipalities = sammenlignet med andre kommuner
key-figures-download-every-figure-on-this = Last ned alle tallene på siden med år, kilde og merking av demodata:{" "}
key-figures-the-same-figures-on-the = Samme tall på kommandolinjen:{" "}
key-figures-sources = Kilder:{" "}
key-figures-statistics-last-fetched = Statistikken sist hentet{" "}
key-figures-the-statistics-have-not-been = Statistikken er ikke hentet ennå.
key-figures-more-about-the-sources = Mer om kildene
key-figures-job-coverage-is-here-jobs = Egendekning er her arbeidsplasser i prosent av sysselsatte bosatte (planens kapittel 9 definerer forholdstallet; 0,77 = 77 %). Befolkningsveksten er endringen fra 1. januar året før. Andelen i offentlig sektor er arbeidsplasser minus arbeidsplasser i privat sektor (SSB 13472), i prosent av alle arbeidsplasser. Registertallene gjelder siste øyeblikksbilde av Enhetsregisteret, ikke det valgte året.

## local-registers
local-registers-synthetic-data = SYNTETISKE DATA.{" "}
local-registers-map-of-the-commercial-land = Kart over næringsarealene, farget etter tilgjengelighet. Tabellen under har de samme opplysningene.
local-registers-simple-projection-longitude-scaled-by = Enkel projeksjon (lengde skalert med cos(breddegrad)), ingen bakgrunnskart.
local-registers-the-plan-says-the-municipality = Planen sier at kommunen «til enhver tid [skal] ha oversikt over tilgjengelige næringsarealer», og at det ikke finnes statistikk over egnethet, størrelse og tilgang/avgang (§5.9.2). Her er registeret: hver endring er datert og tatt vare på, og tallene per år er regnet ut fra endringene.
local-registers-download-every-recorded-change = Last ned alle registrerte endringer:{" "}
local-registers-example-data-marked-synthetic = (eksempeldata, merket SYNTETISK)
local-registers-the-plan-s-2019-figures = Planens tall for 2019
local-registers-dekar-in-use-for-business = dekar i bruk til næringsformål (inkludert offentlig tjenesteyting), og
local-registers-dekar-set-aside-for-future = dekar satt av til fremtidig bruk.
local-registers-source-quoted-not-computed = Kilde (sitat, ikke beregnet):{" "}
local-registers-the-plan-s-figures-cover = Planens tall gjelder hele kommunen; registeret bare tomtene som er lagt inn. Tallene sammenlignes derfor side om side, ikke slått sammen.
local-registers-map = Kart
local-registers-per-year = Per år
local-registers-no-commercial-land-has-been = Ingen næringsarealer er registrert ennå.
local-registers-stock-at-year-end-and = Beholdning ved årets slutt og endringer gjennom året, dekar
local-registers-in-use-built-out = I bruk (utbygd)
local-registers-set-aside-available-reserved = Satt av (ledig + reservert)
local-registers-additions = Tilgang
local-registers-withdrawals = Avgang
local-registers-of-which-to-housing = Herav til bolig
local-registers-built-out-in-the-year = Utbygd i året
local-registers-stock-by-use-class-and = Beholdning etter formål og tilgjengelighet ved utgangen av{" "}
local-registers-use-class = Formål
local-registers-the-sites-today = Tomtene i dag
local-registers-each-site-as-the-register = Hver tomt slik den står i registeret i dag
local-registers-name = Navn
local-registers-place = Sted
local-registers-area-daa = Areal (daa)
local-registers-zoning = Planstatus
local-registers-availability = Tilgjengelighet
local-registers-to-hub-m = Til knutepunkt (m)
local-registers-additions-are-increases-of-area = Tilgang er økning i areal som er ledig, reservert eller utbygd (nye tomter, utvidelser); avgang er reduksjon (omdisponert til bolig, tatt ut av planen, mindre areal). Tallene sammenligner hver tomt ved utgangen av året med utgangen av året før.
local-registers-the-municipality-keeps-the-register = Registeret føres av kommunen selv (importert med{" "}
local-registers-every-change-is-dated-and = ); hver endring er datert og tatt vare på.{" "}
local-registers-last-recorded = Sist registrert{" "}
local-registers-no-change-has-been-recorded = Ingen endringer er registrert ennå
local-registers-files = filer:{" "}
local-registers-download = Last ned:{" "}
local-registers-amount-nok = Beløp (kr)
local-registers-local = Lokalt
local-registers-neighbours = Nabokommuner
local-registers-elsewhere = Andre steder
local-registers-smes = SMB
local-registers-headcount-withheld = Ansattall skjult
local-registers-not-placed = Ikke plassert
local-registers-download-the-figures-on-this = Last ned tallene på siden, med merking av eksempeldata:{" "}
local-registers-local-procurement = Lokale anskaffelser
local-registers-the-plan-the-municipality-keeps = Planen: «Kommunen fører i dag ingen oversikt eller rapporterer på lokale anskaffelser» (§5.7.2). Her er fakturajournalen koblet mot Enhetsregisteret på organisasjonsnummer: leverandørens forretningsadresse avgjør om kjøpet er lokalt, i en nabokommune eller andre steder.
local-registers-shares-are-of-the-spend = Andelene er andeler av beløpet til leverandører som kunne plasseres. «Ikke plassert» (ukjent eller slettet organisasjonsnummer, konkurs, uten adresse eller uten nummer) er andel av alt, og gjettes aldri. SMB: færre enn 250 ansatte i Enhetsregisteret (eller ingen registrert); offentlige virksomheter og skjult ansattall telles for seg. Nabokommuner:{" "}
local-registers-register = Register:{" "}
local-registers-no-supplier-ledger-has-been = Ingen fakturajournal er importert ennå.
local-registers-by-category = Per kategori,{" "}
local-registers-category = Kategori
local-registers-suppliers-that-could-not-be = Leverandører som ikke kunne plasseres, størst beløp først. Rader uten organisasjonsnummer vises uten navn (det kan være privatpersoner).
local-registers-organisation-number = Organisasjonsnummer
local-registers-supplier = Leverandør
local-registers-reason = Årsak
local-registers-not-shown = (ikke vist)
local-registers-sources-the-municipality-s-supplier = Kilder: kommunens fakturajournal (
local-registers-last-imported = sist importert{" "}
local-registers-not-imported-yet = ikke importert ennå
local-registers-and-the-central-coordinating-register = ) og Enhetsregisteret (
local-registers-not-loaded = ikke lastet inn
local-registers-download-at-the-bronnoysund-register = nedlasting hos Brønnøysundregistrene
local-registers-the-file-holds-amounts-and = Filen har beløp og andeler per år og per kategori; leverandører som ikke kunne plasseres, står i tabellen over og ikke i filen.
local-registers-the-mayor-takes-the-initiative = Ordføreren tar initiativ til faste bedriftsbesøk (planens forord). Her vises antall besøk og dialogmøter per år, per næring og per del av kommunen. Hvem som deltok og hva som ble sagt, er personopplysninger og vises bare for ansatte; detaljene slettes etter oppbevaringstiden.
local-registers-no-visits-have-been-recorded = Ingen besøk er registrert ennå.
local-registers-visits = besøk
local-registers-follow-ups = oppfølgingspunkter,{" "}
local-registers-of-them-linked-to-strategies = av dem knyttet til strategier eller tiltak.
local-registers-by-industry-sn2007-section = Per næring (SN2007-hovedområde)
local-registers-industry = Næring
local-registers-visits-2 = Besøk
local-registers-unknown = ukjent
local-registers-by-part-of-the-municipality = Per del av kommunen
local-registers-area = Område
local-registers-not-given = ikke oppgitt
local-registers-source-the-municipality-s-own = Kilde: kommunens eget register over bedriftsbesøk, ført av de ansatte; næringen er hentet fra Enhetsregisteret på organisasjonsnummer. Filen har bare antall per år, næring, område og type, aldri hvem som deltok eller hva som ble sagt.

## pages
pages-page-not-found = Fant ikke siden
pages-to-the-front-page = Til forsiden

## plans
plans-the-municipality-s-business-plans = Kommunens næringsplaner i denne løsningen, eldste først. Den nyeste er gjeldende; en tidligere plan vises fortsatt med tiltak, historikk, fremdrift og rapporter, slik den sto. Tiltak som er videreført til en ny plan, lenker til tiltaket de kom fra.
plans-stored-plan-versions = Lagrede planversjoner
plans-plan = Plan
plans-period = Periode
plans-adopted = Vedtatt
plans-status = Status
plans-current-plan = Gjeldende plan
plans-earlier-plan = Tidligere plan
plans-the-period-has-ended = {" "}(perioden er avsluttet)

## progress
progress-the-progress-of-each-action = Fremdriften i hvert tiltak (0–100 %) rulles opp til strategiene, innsatsområdene og hele planen. En strategi uten tiltak teller som 0 % i tallet for innsatsområdet og hele planen, så tallet aldri viser mer fremdrift enn tiltakene dekker; fremdriften i strategiene som har tiltak, står ved siden av. Hver strategi teller likt. Avlyste tiltak holdes utenfor.{" "}
progress-here-weighted-within-each-strategy = Her vektet: innen hver strategi teller tiltakene med sin vekt (standard 1).{" "}
progress-show-the-plain-mean = Vis gjennomsnitt
progress-here-as-the-mean-of = Her som gjennomsnitt av tiltakene i hver strategi.{" "}
progress-show-weighted = Vis vektet
progress-the-whole-plan = Hele planen:{" "}
progress-the-whole-plan-2 = Hele planen
progress-progress-of-the-strategies-that = Fremdrift i strategiene som har tiltak:{" "}
progress-strategies-without-actions = Strategier uten tiltak
progress-strategies-with-actions-and-progress = Strategier med tiltak og fremdrift

## ranking
ranking-municipal-ranking = Kommunerangering
ranking-back-to-the-ranking = Til rangeringen
ranking-rank = plass
ranking-data-year = Dataår{" "}
ranking-edition = utgave{" "}
ranking-municipalities-as-of = kommunene per{" "}
ranking-ranked = rangert
ranking-this-is-not-nho-s = Dette er ikke NHOs Kommune-NM
ranking-our-own-computation-on-nho = : en egen beregning med NHOs offentlige struktur (19 indikatorer i fem grupper). NHOs vekter og normalisering er ikke offentlige; avvikene står nederst.
ranking-download-the-ranking-shown = Last ned rangeringen som vises:{" "}
ranking-with-synthetic-inputs-flagged = {" "}(med merking av syntetiske inndata).
ranking-data-year-2 = Dataår
ranking-edition-2 = utgave
ranking-county = Fylke
ranking-all-of-norway = Hele landet
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
ranking-missing-indicators = Manglende indikatorer
ranking-sensitivity-one-indicator-changed-everything = Følsomhet: én indikator endret, alt annet likt
ranking-value-now = Verdi nå
ranking-1-standard-deviation = +1 standardavvik
ranking-county-median = Fylkesmedianen
ranking-all-19-indicators = Alle 19 indikatorer
ranking-value-score-and-rank-per = Verdi, poeng og plass per indikator
ranking-mean = Snitt
ranking-data = Data
ranking-group-mean = (gruppesnitt)
ranking-real = ekte
ranking-not-ranked-this-year = ikke rangert dette året.
ranking-all-municipalities = Alle kommuner
ranking-show-all-of-norway = Vis hele landet
ranking-show-only = Vis bare{" "}
ranking-total-rank-county-rank-and = Samlet plassering, plassering i fylket og per gruppe, datår{" "}
ranking-the-plan-s-municipality-is = Planens kommune er uthevet.
ranking-in-county = I fylket
ranking-where-the-index-departs-from = Hvor indeksen avviker fra NHOs metode
ranking-the-plan-s-municipality = planens kommune
ranking-not-ranked = ikke rangert
ranking-published-by-nho-and-our = Publisert av NHO og egen beregning
ranking-nho-s-published-rank-edition = NHOs publiserte plassering (utgave{" "}
ranking-beside-our-computation-published-computed = ) ved siden av egen beregning; publisert / beregnet
ranking-total = Samlet
ranking-computed-our-own-index-not = Beregnet = egen indeks, ikke NHOs; «syntetisk» = bygger på syntetiske inndata.
ranking-computed-from-synthetic-data = beregnet fra syntetiske data

## report
report-status-report-to-the-council = Statusrapport til kommunestyret
report-the-report-is-generated-from = Rapporten lages fra de samme dataene som vises her: indikatorene mot ambisjonene, rangeringen, innsatsområdene med strategier og tiltak, avvik og kilder. Rapporten er på norsk.
report-a-period-marked-final-downloads = En periode merket «Endelig» lastes ned slik rapporten var da den ble fastsatt; de andre lages fra dataene når de lastes ned.
report-download = Last ned
report-final = Endelig
report-marked = fastsatt
report-final-reports = Endelige rapporter
report-a-final-report-is-stored = En endelig rapport er lagret slik den var da den ble fastsatt, og endres ikke når dataene endres. Kontrollsummen (SHA-256) viser at filen er den samme.

## sources
sources-none = ingen
sources-verified = verifisert
sources-not-verified-against-ssb = ikke verifisert mot SSB
sources-never = aldri
sources-table = Tabell{" "}
sources-not-verified-against-ssb-2 = Ikke verifisert mot SSB.{" "}
sources-the-table-id-or-the = Tabellnummeret eller kodene er vår beste kunnskap og er ikke bekreftet av offentlige kilder. Tall fra denne tabellen kan utebli eller bety noe annet når den hentes fra SSB.
sources-replaces-table = Erstatter tabell{" "}
sources-not-fetched-from-ssb-no = Hentes ikke fra SSB: ingen kjent tabell (plassholder).
sources-evidence = Belegg
sources-series-from-the-table = Serier fra tabellen
sources-series = Serie
sources-codes = Koder
sources-real-years = Ekte år
sources-demo-years-synthetic = Demoår (syntetisk)
sources-rows = Rader
sources-last-imported = Sist importert
sources-where-every-figure-comes-from = Her står hvor hvert tall kommer fra: hvilken SSB-tabell, om tabellnummer og koder er bekreftet av offentlige kilder, og hvilke år som bygger på ekte data og hvilke som bare har demodata (syntetiske tall laget av naeringsplan, ikke publisert av SSB).
sources-tables-are-verified = tabeller er verifisert
sources-series-are-verified = serier er verifisert
sources-series-have-real-data-in = serier har ekte data i lageret.
sources-tables-marked-not-verified-against = Tabeller merket «ikke verifisert mot SSB» bygger på vår beste kunnskap. Se merknaden ved hver tabell.
sources-the-indicators-real-or-demo = Indikatorene: ekte data eller demodata
sources-real-data = Ekte data
sources-demo-data = Demodata
sources-no-value = Uten verdi
sources-series-2 = Serier
sources-tables-and-series = Tabeller og serier
sources-the-same-as-json = Det samme som JSON:{" "}
sources-fetch-real-figures = Hent ekte tall:{" "}

## staff-actions
staff-actions-the-title-may-not-be = Tittelen kan ikke være tom.
staff-actions-the-start-date-must-be = Startdatoen må være ÅÅÅÅ-MM-DD.
staff-actions-the-end-date-must-be = Sluttdatoen må være ÅÅÅÅ-MM-DD.
staff-actions-the-end-date-is-before = Sluttdatoen er før startdatoen.
staff-actions-choose-a-status = Velg en status.
staff-actions-progress-must-be-a-whole = Fremdriften må være et helt tall fra 0 til 100.
staff-actions-the-weight-must-be-a = Vekten må være et tall fra 0 til 1 000 000, eller tom.
staff-actions-new-action = Nytt tiltak
staff-actions-edit-action = Rediger tiltak
staff-actions-the-action-was-changed-by = Tiltaket er endret av noen andre
staff-actions-someone-saved-changes-after-you = Noen lagret endringer etter at du åpnet skjemaet. Ingenting av det du skrev er lagret, og ingenting er overskrevet. Se hva som er endret, rett skjemaet om nødvendig og lagre på nytt.
staff-actions-changed-meanwhile = Endret i mellomtiden
staff-actions-now = Nå:{" "}
staff-actions-version = versjon{" "}
staff-actions-the-form-has-errors = Skjemaet har feil:
staff-actions-short-and-unique-e-g = Kort og unik, f.eks. T12.
staff-actions-title = Tittel
staff-actions-description = Beskrivelse
staff-actions-one-per-line = Én per linje.
staff-actions-start-date = Startdato
staff-actions-end-date = Sluttdato
staff-actions-progress-0-100 = Fremdrift (0–100 %)
staff-actions-weight-in-the-roll-up = Vekt i oppsummeringen (valgfri)
staff-actions-strategies-in = Strategier i{" "}
staff-actions-save = Lagre
staff-actions-the-id-must-be-1 = Id må være 1–32 tegn uten mellomrom, / , ? eller #.

## staff-bulk
staff-bulk-import-and-export = Import og eksport
staff-bulk-the-file-was-not-imported = Filen ble ikke importert. Ingenting er endret. Problemer:
staff-bulk-export = Eksport
staff-bulk-download-the-action-plan-as = Last ned tiltaksplanen som CSV
staff-bulk-download-as-excel-xlsx = Last ned som Excel (XLSX)
staff-bulk-import = Import
staff-bulk-upload-a-csv-or-xlsx = Last opp en CSV- eller XLSX-fil med samme kolonner som eksporten. Rader med kjent id oppdaterer tiltaket (med kolonnen «version» bare hvis ingen har endret det siden), nye id-er oppretter tiltak. Alt lagres samlet, eller ingenting.
staff-bulk-file-csv-or-xlsx = Fil (CSV eller XLSX)
staff-bulk-import-2 = Importer
staff-bulk-the-file-is-too-large = Filen er for stor (over 5 MB).
staff-bulk-the-upload-was-cut-off = Opplastingen ble avbrutt eller er ødelagt; prøv igjen.
staff-bulk-choose-a-file = Velg en fil.

## staff-home
staff-home-staff-pages = Internsider
staff-home-you-have-read-only-access = Du har lesetilgang og kan ikke endre tiltak.
staff-home-deadlines = Frister
staff-home-no-action-is-overdue-or = Ingen tiltak er forfalt eller forfaller innen 30 dager.
staff-home-overdue = Forfalt
staff-home-end-date = sluttdato{" "}
staff-home-due-within-30-days = Forfaller innen 30 dager
staff-home-edit = Rediger
staff-home-latest-changes = Siste endringer
staff-home-the-latest-changes-to-all = De siste endringene i alle tiltak.

## staff-indicators
staff-indicators-status-of = Status for
staff-indicators-in-force-overridden = Gjeldende (overstyrt):{" "}
staff-indicators-see-the-indicator-and-its = Se indikatoren og historikken
staff-indicators-new-status = Ny status
staff-indicators-withdraw-the-override-use-the = Trekk tilbake overstyringen (bruk beregnet status)
staff-indicators-justification-required-shown-publicly = Begrunnelse (påkrevd, vises offentlig)
staff-indicators-unknown-status = Ukjent status.
staff-indicators-the-status-is-overridden = Statusen er overstyrt.
staff-indicators-the-override-is-withdrawn = Overstyringen er trukket tilbake.

## staff-login
staff-login-log-in = Logg inn
staff-login-for-the-municipality-s-staff = For ansatte i kommunen som følger opp planen.
staff-login-user-name = Brukernavn
staff-login-password = Passord
staff-login-this-account-has-no-access = Brukeren har ikke tilgang til denne kommunens plan.
staff-login-wrong-user-name-or-password = Feil brukernavn eller passord.
staff-login-second = sekund
staff-login-seconds = sekunder
staff-login-minute = minutt
staff-login-minutes = minutter

## staff
staff-staff-menu = Internmeny
staff-actions-staff = Tiltak (intern)
staff-earlier-plans = Tidligere planer
staff-report-assessments = Rapportens vurderinger
staff-users = Brukere
staff-logged-in-as = Logget inn som{" "}
staff-log-out = Logg ut

## staff-plans
staff-plans-an-action-of-an-earlier = Et tiltak fra en tidligere plan kan videreføres til planen nettstedet viser nå
staff-plans-it-becomes-a-new-action = : det blir et nytt tiltak der med samme innhold, status og fremdrift, og med lenke til det gamle tiltaket, hvis historikk fortsatt vises. Strategier den nye planen ikke har, faller bort. Det gamle tiltaket endres ikke.
staff-plans-there-is-no-earlier-plan = Det er ingen tidligere plan for kommunen i databasen.
staff-plans-the-plan-s-actions-and = Tiltakene i planen og om de er videreført
staff-plans-carry-over = Videreføring
staff-plans-carried-over-as = Videreført som{" "}
staff-plans-id-in-the-new-plan = Id i ny plan
staff-plans-carry-over-2 = Viderefør{" "}
staff-plans-not-carried-over = Ikke videreført

## staff-report
staff-report-deviation = Avvik:{" "}
staff-report-saved = Lagret.
staff-report-current-version-by = Gjeldende versjon av{" "}
staff-report-published = publisert
staff-report-draft-not-published = utkast (ikke publisert)
staff-report-assessment = Vurdering
staff-report-published-shown-in-the-public = Publisert (vises i den offentlige rapporten)
staff-report-save-the-assessment = Lagre vurderingen
staff-report-the-report-s-assessments = Rapportens vurderinger
staff-report-the-whole-year = Hele året
staff-report-first-half-year = 1. halvår
staff-report-second-half-year = 2. halvår
staff-report-the-assessments-go-into-the = Vurderingene går inn i rapporten for perioden. Publiserte vurderinger vises i den offentlige rapporten; utkast bare i forhåndsvisningen. Hver lagring er en ny versjon.
staff-report-preview-the-report-html = Forhåndsvis rapporten (HTML)
staff-report-as-pdf = som PDF
staff-report-final-report = Endelig rapport
staff-report-marked-final = fastsatt
staff-report-the-assessments-can-no-longer = Vurderingene kan ikke lenger endres.
staff-report-see-it-on-the-report = Se den på rapportsiden
staff-report-mark-as-final = Marker som endelig
staff-report-every-deviation-has-a-published = Alle avvik har en publisert forklaring. Når rapporten er endelig, lagres filene (PDF, Word, HTML, Markdown) med SHA-256 og endres ikke senere, selv om dataene endres.
staff-report-mark-the-report-final = Marker rapporten som endelig
staff-report-the-report-cannot-be-marked = Rapporten kan ikke markeres som endelig ennå: disse avvikene mangler en publisert forklaring:
staff-report-overall-assessment = Samlet vurdering
staff-report-late-actions = Forsinkede tiltak

## staff-users
staff-users-staff-with-access = Ansatte med tilgang
staff-users-shown-publicly-as = Vises offentlig som
staff-users-role = Rolle
staff-users-account = Konto
staff-users-change = Endre
staff-users-disabled = sperret
staff-users-active = aktiv
staff-users-role-for = Rolle for{" "}
staff-users-set-role = Sett rolle
staff-users-enable = Åpne
staff-users-disable = Sperr
staff-users-new-user = Ny bruker
staff-users-display-name = Visningsnavn
staff-users-shown-publicly-for-the-user = Vises offentlig ved brukerens endringer, aldri brukernavnet. Tomt: rollen («redaktør»).
staff-users-at-least = Minst{" "}
staff-users-characters = {" "}tegn.
staff-users-add = Legg til
staff-users-unknown-role-choose-viewer-editor = Ukjent rolle: velg viewer, editor eller admin.
staff-users-added = La til
staff-users-unknown-user = Ukjent bruker.
staff-users-you-cannot-remove-your-own = Du kan ikke ta fra deg selv administratorrollen.
staff-users-unknown-role = Ukjent rolle.
staff-users-you-cannot-disable-yourself = Du kan ikke sperre deg selv.
staff-users-unknown-operation = Ukjent handling.
staff-users-changed = Endret

## staff-visits
staff-visits-record-a-visit = Registrer et besøk
staff-visits-company-name-if-not-in = Virksomhetens navn (hvis den ikke er i registeret)
staff-visits-date = Dato
staff-visits-kind = Type
staff-visits-company-visit = Bedriftsbesøk
staff-visits-dialogue-meeting = Dialogmøte
staff-visits-part-of-the-municipality = Del av kommunen
staff-visits-participants-one-per-line = Deltakere (én per linje)
staff-visits-topics-one-per-line = Tema (ett per linje)
staff-visits-follow-ups-one-per-line = Oppfølging (én per linje, strategier og tiltak i hakeparentes til slutt: «Tekst [5.7-s1, T3]»)
staff-visits-save-the-visit = Lagre besøket
staff-visits-recorded-visits-personal-data-staff = Registrerte besøk (personopplysninger: kun for ansatte)
staff-visits-company = Virksomhet
staff-visits-participants = Deltakere
staff-visits-topics = Tema
staff-visits-follow-ups = Oppfølging
staff-visits-deletion-after-the-retention-period = Sletting etter oppbevaringstid
staff-visits-delete-visits-older-than-months = Slett besøk eldre enn (måneder)
staff-visits-the-counts-are-kept-in = Antallet beholdes i statistikken, uten navn og tekst.
staff-visits-delete-old-visits = Slett gamle besøk
staff-visits-company-visits-staff = Bedriftsbesøk (intern)
staff-visits-public-statistics-of-the-visits = Offentlig statistikk over besøkene
staff-visits-the-organisation-number-is-not = Organisasjonsnummeret er ikke gyldig
staff-visits-the-date = Datoen
staff-visits-is-not-a-strategy-or = er ikke en strategi eller et tiltak i planen.
staff-visits-the-company-is-not-in = Virksomheten finnes ikke i registeret; skriv inn navnet.
staff-visits-visit = Besøk
staff-visits-delete-the-visit = Slett besøket
staff-visits-all-visits = Alle besøk
staff-visits-visits-dated-before = besøk datert før
staff-visits-were-deleted = er slettet.

## plan: action status
status-not-started = Ikke startet
status-in-progress = Pågår
status-completed = Fullført
status-delayed = Forsinket
status-on-hold = Satt på vent
status-cancelled = Avlyst

## i18n: the crate's own test
i18n-test-count = { $n } { $what }

## guard and API refusals
guard-not-allowed = Ikke tillatt.
guard-read-only = Du har bare lesetilgang.
guard-admins-only = Bare administratorer kan gjøre dette.
guard-csrf-missing = Skjemaet mangler en gyldig sikkerhetskode (CSRF). Last inn siden på nytt og prøv igjen.
api-token-may-not-change-actions = Denne nøkkelens bruker kan ikke endre tiltak.

## verdicts (an indicator's year judged against the plan's ambition)
verdict-achieved = Nådd
verdict-not-achieved = Ikke nådd
verdict-no-data = Kan ikke vurderes (mangler data)
verdict-no-ambition = Ingen ambisjon dette året
verdict-demo-not-judged = Demodata – ikke vurdert

## engine: labels of sources, verdicts, checks, projections and trends
value-basis-computed = beregnet
value-basis-imported = importert publisert tall
value-basis-plan-quote = sitert fra planen

source-plan-quote = sitert fra planen
source-published = publisert tall
source-computed = beregnet fra reelle data
source-demo = demodata

verdict-inline-achieved = nådd
verdict-inline-not-achieved = ikke nådd
verdict-inline-no-data = ingen data
verdict-inline-no-ambition = ingen ambisjon
verdict-inline-demo-not-judged = demodata – ikke vurdert

check-outcome-met = oppfylt
check-outcome-not-met = ikke oppfylt
check-outcome-no-data = kan ikke vurderes

projection-verdict-target-reached = målet er nådd
projection-verdict-on-track = på vei mot målet
projection-verdict-needs-faster-pace = trenger høyere tempo
projection-verdict-not-reached = målet ble ikke nådd
projection-verdict-no-target = ingen målverdi å vurdere mot
projection-verdict-demo-not-judged = ikke vurdert – demodata
projection-verdict-not-available = kan ikke framskrives

trend-status-target-achieved = målet er nådd
trend-status-substantial-progress = god framgang
trend-status-moderate-progress = noe framgang, må forsterkes
trend-status-limited-progress = begrenset framgang
trend-status-deterioration = utvikling i feil retning
trend-status-not-available = kan ikke beregnes

growth-cagr = Open SDG: årlig vekstrate (CAGR) observert mot den som trengs for å nå målet
growth-absolute-change = absolutt endring per år (prosentpoeng) observert mot den som trengs for å nå målet (for andeler og forholdstall, som kan være null eller negative, i stedet for Open SDGs vekstrate)

## engine: the reasoning behind a year's verdict (values come formatted)
judge-rank = plass { $rank }
judge-ambition-year = Ambisjon { $year }
judge-headline-rule = Hovedregel
judge-check-without-value = { $what } ({ $op } { $target }): ingen verdi – { $outcome }
judge-increase-from = Økning fra { $previous }
judge-decrease-from = Nedgang fra { $previous }
judge-no-previous-value = { $what }: ingen verdi for { $previous } å sammenligne med – { $outcome }
judge-no-value-to-compare = { $what }: ingen verdi for { $year } – { $outcome }
judge-value-is = Verdien for { $year } er { $value } ({ $source }).
judge-value-is-synthetic = Verdien for { $year } er { $value } ({ $source }, SYNTETISKE DATA).
judge-no-value = Ingen verdi for { $year } (verken beregnet, importert eller sitert i planen).
judge-ambition-is = Ambisjonen for { $year } er { $op } { $target }.
judge-ambition-is-rank = Ambisjonen for { $year } er plass { $op } { $target }.
judge-no-ambition = Planen har ingen ambisjon for { $year }.
judge-value-demo-not-judged = Verdien bygger på demodata (syntetiske data) og vurderes ikke.
judge-previous-demo-not-judged = Verdien for { $previous } bygger på demodata; sammenligningen med den vurderes ikke.
judge-for-information = { $check } (til informasjon).
judge-verdict = Vurdering: { $verdict }.

## web: indicator cards
indicators-no-real-results-yet = Ingen resultater fra reelle data ennå.

## maps
maps-map-data-kartverket-cc-by = Kartgrunnlag: © Kartverket, CC BY 4.0
maps-projection-utm-zone-33-epsg = Projeksjon UTM sone 33 (EPSG:25833).
maps-demo-data-not-real-figures = Demodata – ikke reelle tall.
maps-the-plan-s-municipality-circled = planens kommune (ringet inn)
maps-thick-lines-are-county-borders = Tykke streker er fylkesgrenser.{" "}

## indicator
indicator-demo = {" "}(demo)
indicator-demo-value-not-shown-as = (demoverdi, ikke vist som reell)
indicator-below = under{" "}
indicator-and-above = {" "}og over
indicator-all-values = alle verdier
indicator-map-of-every-municipality-coloured = Kart over alle kommunene, farget etter indikatorens verdi. Verdiene finnes som JSON (lenken over).
indicator-in-fifths-darker-is-a = , i femtedeler (mørkere er høyere verdi).
indicator-demo-values-are-not-coloured = Demoverdier er ikke farget som reelle.
indicator-every-municipality-on-a-map = Alle kommuner på kart

## local-registers
local-registers-map-of-the-commercial-land-2 = Kart over næringsarealene, farget etter tilgjengelighet, på kommunegrensen med nabokommunene rundt. Tabellen under har de samme opplysningene.
local-registers-the-register-s-sites-today = Tomtene i registeret i dag, på kommunegrensen (2024-grenser).{" "}
local-registers-neighbouring-municipalities-on-the-map = Nabokommuner i kartet (lyse):{" "}
local-registers-example-data-not-the-municipality = Eksempeldata – ikke kommunens tomter.
local-registers-projection-utm-zone-33-epsg = Projeksjon UTM sone 33 (EPSG:25833), ingen bakgrunnskart.{" "}

## ranking
ranking-no-outlines-for-the-municipal = Ingen kartgrunnlag for kommunegrensene per{" "}
ranking-map-of-the-municipalities-coloured = Kart over kommunene, farget etter samlet plass i rangeringen. Tabellen under har de samme tallene.
ranking-total-rank-data-year = Samlet plass, dataår{" "}
ranking-in-fifths-the-darkest-is = , i femtedeler (mørkest er best); kommunegrensene per{" "}

## app: the action plan as a spreadsheet (columns, problems)
sheet-column-id = id
sheet-column-title = tittel
sheet-column-description = beskrivelse
sheet-column-strategies = strategier
sheet-column-owner = ansvarlig
sheet-column-partners = partnere
sheet-column-start = start
sheet-column-end = slutt
sheet-column-status = status
sheet-column-progress = fremdrift
sheet-column-comment = kommentar
sheet-column-weight = vekt
sheet-column-version = versjon
sheet-row-column = rad { $row }, kolonne { $column }: { $message }
sheet-row = rad { $row }: { $message }
sheet-column-twice = kolonnen står to ganger
sheet-unknown-column = ukjent kolonne – forventet noen av { $columns }
sheet-no-id-column = overskriftsraden har ingen id-kolonne
sheet-empty-id = tom id
sheet-id-again = tiltak { $id } står på nytt (første gang på rad { $first })
sheet-unknown-status = ukjent status «{ $value }» – forventet en av { $statuses }
sheet-not-progress = «{ $value }» er ikke et helt tall fra 0 til 100
sheet-not-date = «{ $value }» er ikke en dato ÅÅÅÅ-MM-DD
sheet-not-weight = «{ $value }» er ikke et tall ≥ 0
sheet-not-version = «{ $value }» er ikke et versjonsnummer
sheet-unknown-strategy = ukjent strategi «{ $value }»
sheet-empty-title = tom tittel
sheet-new-needs-title = nytt tiltak { $id } må ha en tittel
sheet-problems = { $n ->
    [one] Ett problem; ingenting ble importert:
   *[other] { $n } problemer; ingenting ble importert:
}
sheet-more-problems = … og { $more } problem(er) til (de første { $shown } er vist)
sheet-conflict = { $problem }; ingenting ble importert – prøv igjen

## staff: spreadsheet import results
staff-bulk-imported = Importert: { $created } nye, { $updated } endret, { $unchanged } uendret.
staff-bulk-nothing-imported = { $file }: ingenting ble importert.

## startup
startup-the-server-could-not-start = Oppstarten mislyktes
startup-preparing-data = Forbereder data …
startup-the-service-has-just-started = Tjenesten har nettopp startet og legger inn de innebygde dataene (statistikk fra SSB og KLASS, et SYNTETISK demoregister). Siden oppdateres av seg selv.
startup-the-data-could-not-be = Dataene kunne ikke legges inn, så sidene kan ikke vises. Feilen er skrevet i tjenestens logg:
startup-step = Steg { $number } av { $of }: { $what }{ $count }
startup-step-import-files = importerer KLASS- og SSB-tabeller, filer
startup-step-demo-register = lager det SYNTETISKE demoregisteret (Enhetsregisteret), rader lest
startup-step-examples = legger inn SYNTETISKE eksempeldata (næringsarealer, innkjøp)
startup-step-evaluate = beregner indikatorene og rangeringen

## engine: projection to the plan's end (values come formatted)
projection-window-trend = samme periode og tempo som trendvurderingen
projection-window-latest = de siste reelle verdiene
projection-method-linear = siste reelle verdi videreført med den gjennomsnittlige endringen per år i perioden (lineært; { $window })
projection-method-cagr = siste reelle verdi videreført med den årlige vekstraten (CAGR) i perioden ({ $window })
projection-method-average = gjennomsnittet av de reelle verdiene i perioden ({ $window }); indikatoren måles mot det samme kravet hvert år og svinger fra år til år, så endringen videreføres ikke
projection-no-target = planen setter ingen målverdi; framskrevet til { $to_year }: { $projected }
projection-reached = siste reelle verdi ({ $latest_year }: { $latest }) når målet { $target } for { $target_year }
projection-passed = målåret { $target_year } er passert; siste reelle verdi ({ $latest_year }: { $latest }) nådde ikke målet { $target }
projection-average-meets = gjennomsnittet { $first_year }–{ $latest_year } er { $at_target_year }, som når kravet { $target } for { $target_year }
projection-average-misses = gjennomsnittet { $first_year }–{ $latest_year } er { $at_target_year }, som når ikke kravet { $target } for { $target_year }
projection-pace-meets = med tempoet fra { $first_year } til { $latest_year } blir verdien { $at_target_year } i { $target_year }, som når målet { $target }
projection-pace-misses = med tempoet fra { $first_year } til { $latest_year } blir verdien { $at_target_year } i { $target_year }, som når ikke målet { $target }
projection-period-over = siste reelle verdi er fra { $latest_year }; planperioden slutter { $to_year }
projection-needs-two-years = trenger minst to år med reelle verdier
projection-latest-demo = de siste verdiene er demodata (syntetiske); det framskrives ikke fra dem
projection-no-real-values = ingen verdier fra reelle data

## local registers: demo notes
local-registers-land-invented = Arealregisteret inneholder oppdiktede tomter (eksempeldata), ikke kommunens tall.
local-registers-ledger-invented = Fakturajournalen og/eller Enhetsregisteret er oppdiktet (eksempeldata), ikke kommunens innkjøp.
local-registers-visits-invented = Besøkene er oppdiktet (eksempeldata).

## staff flows (issue 19 item 5)
staff-saved = Lagret.
staff-status-update = Oppdater status
staff-status-hint = Bare status, fremdrift og kommentar. Endringen føres i historikken; resten av tiltaket endres i skjemaet under.
staff-status-save = Lagre status
staff-status-label = Status
staff-full-edit = Alle opplysninger om tiltaket
staff-view-public-page = Se den offentlige siden
staff-edit-action-link = Rediger tiltaket
staff-edit-indicator-link = Rediger: overstyr status
staff-visits-find-company = Finn bedriften i Enhetsregisteret
staff-visits-search-name = Navn på bedriften
staff-visits-find-hint = Søker i registeret som er lastet inn, blant enhetene i kommunen. Velg et treff for å fylle inn organisasjonsnummeret.
staff-visits-search = Søk
staff-visits-no-register = Ingen registerdata er lastet inn, så det er ingenting å søke i. Skriv organisasjonsnummeret.
staff-visits-too-short = Skriv minst to tegn av navnet.
staff-visits-no-hits = Ingen treff for «{ $query }».
staff-visits-hits = { $count } treff for «{ $query }» (høyst 20 vises):
staff-visits-not-present = slettet, konkurs eller avviklet
staff-visits-chosen = Valgt: { $name }
staff-visits-area-hint = Den tidligere kommunen. Planen har ennå ingen egen liste over deler av kommunen.
staff-visits-area-none = ikke oppgitt
staff-visits-area-kept = (som registrert før)
staff-visits-area-unknown = Velg en del av kommunen fra listen.
staff-import-preview-title = Forhåndsvisning av importen
staff-import-preview-intro = Ingenting er lagret ennå. Se over endringene og bekreft importen nederst.
staff-import-summary = Fil: { $file }. { $created } nye, { $changed } endres, { $unchanged } uendret.
staff-import-created = Nye tiltak
staff-import-changed = Endres
staff-import-unchanged = Uendret
staff-import-field = Felt
staff-import-before = Før
staff-import-after = Etter
staff-import-confirm = Bekreft import
staff-import-cancel = Avbryt
staff-import-nothing = Filen endrer ingenting.
staff-import-stale-title = Filen er eldre enn tiltaksplanen
staff-import-stale = Filen ble lastet ned før noen endret disse tiltakene: { $actions }. En import ville skrevet over de nyere endringene, så ingenting er importert. Last ned tiltaksplanen på nytt, gjør endringene dine i den nye filen og last den opp igjen.
staff-import-stale-row = { $id } (rad { $row }): versjon { $file } i filen, nå versjon { $now }, sist endret av { $by } { $at }.
staff-import-moved = Tiltaksplanen er endret etter forhåndsvisningen, så ingenting er importert. Slik ville importen blitt nå:
staff-import-done = Importert: { $created } nye, { $changed } endret, { $unchanged } uendret.
staff-import-conflict = Noen endret tiltakene mens importen ble skrevet, så ingenting er importert. Prøv igjen.
staff-import-broken = Den opplastede filen kom ikke med til bekreftelsen. Last den opp på nytt.

## phone width (issue 19 item 3)
layout-menu = Meny

## districts (dist20)
districts-title = Per distrikt
districts-intro = Registertall, næringsarealer og bedriftsbesøk per distrikt, slik planfilen avgrenser distriktene (postnumre, tidligere kommuner og stedsnavn). Avgrensningen er vår, ikke planens, og kan endres i planfilen.
districts-col-district = Distrikt
districts-col-units = Enheter
districts-col-employees = Ansatte
districts-col-withheld = Med skjult antall ansatte
districts-col-registrations = Registrert { $year }
districts-col-bankruptcies = Konkurser { $year }
districts-col-bankrupt = Under konkurs
districts-outside = Utenfor distriktene
districts-caption-enheter = Foretak (enheter) etter forretningsadressens postnummer, øyeblikksbilde { $date }
districts-caption-underenheter = Virksomheter (underenheter) etter beliggenhetens postnummer, øyeblikksbilde { $date }
districts-synthetic = SYNTETISKE DATA, ikke kommunens tall
districts-no-postal-codes = Dette øyeblikksbildet ble importert før databasen tok vare på postnumre. Importer filen på nytt for å få tall per distrikt.
districts-no-register = Databasen har ingen registerdata ennå.
districts-outside-codes = Postnumre som ikke ligger i noe distrikt
districts-no-postal-code = uten postnummer
districts-col-postal-code = Postnummer
districts-col-municipality = Kommunenummer
districts-col-examples = Eksempler
districts-none-outside = Alle enhetene ligger i et distrikt.
districts-caption-land = Næringsarealer i bestanden (ledig, reservert eller utbygd) etter sted
districts-col-sites = Arealer
districts-col-area = Areal (daa)
districts-col-future = Ledig eller reservert (daa)
districts-caption-visits = Bedriftsbesøk etter område
districts-col-visits = Besøk
districts-col-companies = Bedrifter
districts-outside-places = Steder og områder utenfor distriktene: { $places }
districts-employees-note = Ansatte er summen av publiserte antall; enheter med skjult antall telles for seg, aldri som 0. Registrert og konkurser gjelder øyeblikksbildets siste hele år.
districts-definition = Avgrensning
## actions in the budget cycle and the 5.9 tasks (issue 20)
sheet-column-cost_estimate = kostnadsoverslag
sheet-column-budget_years = budsjettår
sheet-column-funding_source = finansiering
sheet-column-handlingsprogram = handlingsprogram
sheet-column-contact = kontaktperson
sheet-column-milestones = milepæler
sheet-column-priority_year = topp 10-år
sheet-column-priority_decision = topp 10-vedtak
sheet-column-priority_decided = topp 10-vedtaksdato
sheet-column-tasks = oppgaver
sheet-unknown-task = ukjent oppgave «{ $value }» (oppgavene i 5.9 har id som 5.9.2-o1)
sheet-not-cost = «{ $value }» er ikke et beløp i hele kroner
sheet-not-years = «{ $value }» er ikke et årstall (fire sifre, f.eks. 2025; en periode som 2025–2027)
sheet-not-milestone = «{ $value }» er ikke en milepæl: skriv dato og tittel, f.eks. «2025-06-30 Mandat vedtatt», med [x] foran en nådd milepæl
sheet-priority-needs-year = vedtak og vedtaksdato for topp 10 trenger et år
actions-cost-estimate = Kostnadsoverslag
actions-kroner = kr
actions-budget-years = Budsjettår
actions-funding-source = Finansiering
actions-handlingsprogram = Handlingsprogram
actions-contact = Kontaktperson
actions-milestones = Milepæler
actions-milestone-reached = nådd
actions-priority = Topp 10
actions-priority-heading = Topp 10 for { $year }
actions-priority-decided = Vedtatt: { $decision }
actions-priority-none-decided = uten registrert vedtak
actions-priority-caption = Årets prioriterte tiltak, vist først
actions-tasks = Oppgaver i 5.9 som tiltaket følger opp
history-field-cost_estimate = kostnadsoverslag
history-field-budget_years = budsjettår
history-field-funding_source = finansiering
history-field-handlingsprogram = handlingsprogram
history-field-contact = kontaktperson
history-field-milestones = milepæler
history-field-priority = topp 10
history-field-tasks = oppgaver
staff-actions-budget-legend = Budsjett og oppfølging
staff-actions-cost-hint = Hele kroner, f.eks. 250000.
staff-actions-budget-years-hint = F.eks. «2025; 2026» eller «2025–2027».
staff-actions-handlingsprogram-hint = Punktet i handlingsprogrammet, f.eks. «HP 2025–2028, tiltak 4.3».
staff-actions-milestones-hint = Én per linje: dato og tittel, f.eks. «2025-06-30 Mandat vedtatt». Skriv [x] foran en milepæl som er nådd.
staff-actions-priority-year = Topp 10 for år
staff-actions-priority-year-hint = Tomt: tiltaket er ikke blant årets prioriterte.
staff-actions-priority-decision = Vedtak om topp 10 (f.eks. «Formannskapet sak 12/25»)
staff-actions-priority-decided = Vedtaksdato
staff-actions-tasks-in = Oppgaver i { $number } { $title }
staff-actions-cost-invalid = Kostnadsoverslaget må være et helt antall kroner.
staff-actions-years-invalid = Budsjettår må være årstall, f.eks. «2025; 2026»: { $value }
staff-actions-milestone-invalid = Hver milepæl trenger en dato ÅÅÅÅ-MM-DD og en tittel: { $value }
staff-actions-priority-year-invalid = Topp 10-året må være et årstall, f.eks. 2025.
staff-actions-priority-needs-year = Vedtak og vedtaksdato for topp 10 trenger et år.
staff-actions-priority-date-invalid = Vedtaksdatoen må være en dato ÅÅÅÅ-MM-DD.
premises-title = Forutsetninger utenfor planen (5.9)
premises-intro = Planen setter ikke strategier for disse områdene, men lister viktige næringsfaglige arbeidsoppgaver. Hver oppgave vises med tiltakene som følger den opp.
premises-task = Oppgave
premises-actions = Tiltak
premises-no-action = ingen tiltak ennå
premises-tasks-caption = Arbeidsoppgaver i { $number } med tiltakene som følger dem opp
