package org.basinledger.benchmark;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.queryhandling.QueryGateway;
import org.basinledger.api.agreement.AgreementDraft;
import org.basinledger.api.agreement.AgreementTerms;
import org.basinledger.api.agreement.AssessmentPeriod;
import org.basinledger.api.agreement.CompensationRule;
import org.basinledger.api.agreement.CompensationRuleType;
import org.basinledger.api.agreement.DraftAgreementCommand;
import org.basinledger.api.agreement.MonitoringSection;
import org.basinledger.api.agreement.ObligationTerm;
import org.basinledger.api.agreement.OpenAgreementForSignatureCommand;
import org.basinledger.api.agreement.Party;
import org.basinledger.api.agreement.PartyRole;
import org.basinledger.api.agreement.Pollutant;
import org.basinledger.api.agreement.SignAgreementCommand;
import org.basinledger.api.common.Actor;
import org.basinledger.api.common.LedgerCalendar;
import org.basinledger.api.common.Money;
import org.basinledger.api.compliance.AssessSectionCommand;
import org.basinledger.api.compliance.AssessmentView;
import org.basinledger.api.compliance.FindAssessmentQuery;
import org.basinledger.api.compliance.FindMonitoringReportQuery;
import org.basinledger.api.compliance.MonitoringReportView;
import org.basinledger.api.compliance.Sample;
import org.basinledger.api.compliance.SubmitMonitoringReportCommand;
import org.basinledger.benchmark.Workload.Government;
import org.basinledger.command.agreement.CanonicalTerms;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 3: monitoring reports per second and assessment time (docs/benchmarks.md).
 *
 * <p>Every agreement is the Xin'an model: two parties, the Jiekou section, one {@code WATER_QUALITY_INDEX} rule
 * (yearly, k = 0.85, CODMn/NH3-N/TP/TN with weight 0.25 each, 100 million either way), in force for eleven years
 * from 1 January of last year (so last year can be assessed), or of {@code --history-years} years earlier.
 * {@code reports}: client threads send monthly monitoring reports of 4 pollutants x 30 samples, each thread to agreements of its own (so that no two threads wait for the
 * same aggregate's lock), in turn, at most {@code --reports-per-agreement} (default 24) to each, so each agreement's
 * k-th report is for its k-th month; the warm-up writes to agreements of its own. With {@code --history-years=Y}
 * each measured agreement starts Y years earlier and first gets Y years of daily reports (one sample of each pollutant
 * a day), each year assessed once its reports are in, as a running agreement's past years are (set-up, not measured);
 * the measured reports are for the months from year Y + 1 on (last year and this one, as with no history): a report
 * in an agreement's tenth year against one in its first; with {@code --cold} every measured report first empties the agreement cache (not
 * timed), so it loads its agreement from the event store. {@code assessment}: agreements with
 * a year of daily samples (12 monthly reports, one sample of each pollutant per day) are assessed for that year, one
 * assessment per agreement, timed one at a time.
 */
final class ComplianceBenchmark {

    static final String SECTION = "JIEKOU";
    static final Pollutant[] POLLUTANTS = {Pollutant.CODMN, Pollutant.NH3N, Pollutant.TP, Pollutant.TN};
    static final String[] BASELINES = {"1.80", "0.12", "0.025", "1.20"};
    static final int SAMPLES_PER_POLLUTANT = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "新安江流域上下游横向生态补偿协议 — Anhui and Zhejiang assess the Jiekou "
            + "section every year on four indicators; the party that loses the test pays the other 100 million yuan.";

    private final Options options;
    private final Workload workload;
    private final CommandGateway gateway;
    private final QueryGateway queries;
    private final Cache agreementCache;
    private final JdbcTemplate jdbc;
    /** The last full calendar year in basin time: assessable now. */
    private final int year = LocalDate.now(LedgerCalendar.ZONE).getYear() - 1;
    /** The agreements' first day: 1 January of last year, or of {@code --history-years} years before that. */
    private final LocalDate from;
    private final LocalDate until;
    private final int months;
    /** Per client thread: the agreements it reports to in the coming phase. */
    private final List<List<String>> agreementsOfThread = new ArrayList<>();
    private boolean registered;
    private final List<String> lastReports = new ArrayList<>();

    ComplianceBenchmark(ConfigurableApplicationContext context, int port, Options options) {
        this.options = options;
        this.workload = new Workload(context, port, options);
        this.gateway = context.getBean(CommandGateway.class);
        this.queries = context.getBean(QueryGateway.class);
        this.agreementCache = context.getBean("agreementCache", Cache.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.from = LocalDate.of(year - options.extra().historyYears(), 1, 1);
        this.until = from.plusYears(11).minusDays(1);
        this.months = (int) java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(from), YearMonth.from(until)) + 1;
    }

    // ---- reports ----

    Map<String, Object> reports() throws Exception {
        int count = options.extra().reports();
        prepareAgreements(options.warmup());
        log("warm-up: " + options.warmup() + " reports");
        runReports(options.warmup(), true);
        int agreements = prepareAgreements(count);
        int history = loadHistory();
        awaitReports();
        System.gc();
        Thread.sleep(200);
        LifecycleBenchmark.resetPeaks();

        log("measuring: " + count + " reports, " + options.threads() + " thread(s), mode " + options.mode());
        Measure window = Measure.start();
        Workload.PhaseResult result = runReports(count, false);
        window.stop();
        long catchUp = options.mode().equals("gateway") ? awaitReports() : 0;

        Map<String, Object> summary = header();
        summary.put("agreements", agreements);
        summary.put("reportsPerAgreement", options.extra().reportsPerAgreement());
        summary.put("historyYears", options.extra().historyYears());
        summary.put("historyReportsPerAgreement", history);
        summary.put("cold", options.extra().cold());
        summary.put("samplesPerReport", POLLUTANTS.length * SAMPLES_PER_POLLUTANT);
        summary.put("unit", options.mode().equals("gateway") ? "commands" : "requests");
        summary.put("operations", result.operations());
        summary.put("errors", result.errors());
        if (result.firstError() != null) {
            summary.put("firstError", result.firstError());
        }
        window.put(summary, result.operations());
        summary.put("samplesPerSec", LifecycleBenchmark.round(result.operations() * POLLUTANTS.length
                * SAMPLES_PER_POLLUTANT / window.seconds(), 0));
        Measure.putLatency(summary, "", result.latency());
        summary.put("catchUpMs", catchUp);
        putSnapshotSizes(summary);
        putMemory(summary);

        System.out.println();
        System.out.printf(Locale.ROOT, "%s %s reports, %d thread(s) over %d agreements: %d reports of %d samples in %.2f s%n",
                options.db(), options.mode(), options.threads(), agreements, result.operations(),
                POLLUTANTS.length * SAMPLES_PER_POLLUTANT, window.seconds());
        if (history > 0) {
            System.out.printf(Locale.ROOT, "  history      %d years of daily reports (%d per agreement) before, measured"
                    + " reports from year %d of each agreement%n", options.extra().historyYears(), history,
                    options.extra().historyYears() + 1);
        }
        if (options.extra().cold()) {
            System.out.println("  cold         the agreement cache was emptied before every measured report");
        }
        System.out.printf(Locale.ROOT, "  snapshots    %s of %s measured agreements, latest %s bytes each (largest)%n",
                summary.get("snapshots"), agreements, summary.get("snapshotMaxBytes"));
        System.out.printf(Locale.ROOT, "  throughput   %s reports/s (%s samples/s), errors %d; per JVM CPU-second %s%n",
                summary.get("opsPerSec"), summary.get("samplesPerSec"), result.errors(), summary.get("opsPerCpuSec"));
        System.out.printf(Locale.ROOT, "  latency ms   p50 %s  p90 %s  p99 %s  max %s%n", summary.get("p50Ms"),
                summary.get("p90Ms"), summary.get("p99Ms"), summary.get("maxMs"));
        System.out.printf(Locale.ROOT, "  cpu          %.0f%% of the cores; load average %s -> %s; projections caught up %d ms after%n",
                100 * (Double) summary.get("cpuUtil"), summary.get("loadAvgBefore"), summary.get("loadAvgAfter"), catchUp);
        return summary;
    }

    /**
     * Registers the jurisdictions (2 per thread) the first time, and puts fresh agreements in force for a phase of
     * {@code count} reports: per thread ceil(its share / reports per agreement). Answers how many.
     */
    int prepareAgreements(int count) throws Exception {
        if (!registered) {
            workload.setUp();
            registered = true;
        }
        agreementsOfThread.clear();
        int total = 0;
        for (int t = 0; t < options.threads(); t++) {
            int share = count / options.threads() + (t < count % options.threads() ? 1 : 0);
            int n = Math.max(1, (share + options.extra().reportsPerAgreement() - 1) / options.extra().reportsPerAgreement());
            List<Government> parties = workload.partiesFor(t);
            List<String> ids = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                ids.add(inForce(parties));
            }
            agreementsOfThread.add(ids);
            total += n;
        }
        log("put " + total + " agreements in force (water quality index at " + SECTION + "), at most "
                + options.extra().reportsPerAgreement() + " reports each");
        return total;
    }

    /**
     * The size of the measured agreements' latest snapshots (the largest, as stored): what a load of an agreement
     * not in the cache deserializes before the events after it.
     */
    private void putSnapshotSizes(Map<String, Object> summary) {
        List<String> measured = agreementsOfThread.stream().flatMap(List::stream).toList();
        long count = 0;
        long max = 0;
        for (String id : measured) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT payload, sequence_number FROM snapshot_event_entry"
                    + " WHERE aggregate_identifier = ?", id);
            for (Map<String, Object> row : rows) {
                byte[] payload = (byte[]) row.get("payload");
                count++;
                max = Math.max(max, payload.length);
                try {
                    JsonNode compliance = JSON.readTree(payload).path("compliance");
                    log(String.format(Locale.ROOT, "snapshot of %s at event %s: %,d bytes, %d report summaries kept"
                            + " (%,d bytes), %d reports archived (%,d bytes)", id, row.get("sequence_number"),
                            payload.length, compliance.path("reports").size(), compliance.path("reports").toString()
                                    .length(), compliance.path("archivedReports").size(),
                            compliance.path("archivedReports").toString().length()
                                    + compliance.path("archivedByMonth").toString().length()));
                } catch (java.io.IOException e) {
                    log("snapshot of " + id + " unreadable: " + e);
                }
            }
        }
        summary.put("snapshots", count);
        summary.put("snapshotMaxBytes", max);
    }

    /**
     * Gives every agreement of the coming phase {@code --history-years} years of daily reports from its start, each
     * with one sample of each pollutant, through the gateway, each thread's agreements by that thread, and assesses
     * each year once its reports are in (by the downstream party). Answers how many reports each agreement got.
     */
    int loadHistory() throws InterruptedException {
        int years = options.extra().historyYears();
        if (years == 0) {
            return 0;
        }
        LocalDate end = from.plusYears(years);
        int perAgreement = (int) java.time.temporal.ChronoUnit.DAYS.between(from, end);
        log("history: " + years + " years of daily reports (" + perAgreement + ") to each agreement, each year"
                + " assessed");
        List<Thread> loaders = new ArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int t = 0; t < options.threads(); t++) {
            Government upstream = workload.partiesFor(t).get(0);
            Government downstream = workload.partiesFor(t).get(1);
            List<String> agreements = agreementsOfThread.get(t);
            Thread loader = new Thread(() -> {
                try {
                    for (String agreement : agreements) {
                        for (LocalDate day = from; day.isBefore(end); day = day.plusDays(1)) {
                            submitDaily(agreement, upstream, day);
                            if (day.getMonthValue() == 12 && day.getDayOfMonth() == 31) {
                                send(new AssessSectionCommand(agreement, UUID.randomUUID().toString(), downstream.id(),
                                        SECTION, Integer.toString(day.getYear())), downstream);
                            }
                        }
                        log("history: agreement " + agreement + " has " + perAgreement + " reports");
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-history-" + t);
            loader.start();
            loaders.add(loader);
        }
        for (Thread loader : loaders) {
            loader.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading the history failed", failure.get());
        }
        return perAgreement;
    }

    private void submitDaily(String agreementId, Government party, LocalDate day) {
        List<Sample> samples = new ArrayList<>(POLLUTANTS.length);
        addAll(samples, LedgerCalendar.startOf(day).plus(Duration.ofHours(10)));
        send(new SubmitMonitoringReportCommand(agreementId, UUID.randomUUID().toString(), party.id(), SECTION,
                YearMonth.from(day).toString(), samples, null), party);
    }

    /** Sends {@code count} reports split over the client threads; each thread reports to its own agreements in turn. */
    Workload.PhaseResult runReports(int count, boolean warmUp) throws InterruptedException {
        int threads = options.threads();
        Histogram[] histograms = new Histogram[threads];
        AtomicLong operations = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        String[] last = new String[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            int share = count / threads + (t < count % threads ? 1 : 0);
            Histogram histogram = Measure.histogram();
            histograms[t] = histogram;
            List<Government> parties = workload.partiesFor(thread);
            List<String> agreements = agreementsOfThread.get(thread);
            int historyYears = options.extra().historyYears();
            boolean cold = options.extra().cold() && !warmUp;
            Thread worker = new Thread(() -> {
                var http = options.mode().equals("http") ? Workload.newClient() : null;
                ready.countDown();
                long ops = 0;
                try {
                    go.await();
                    int[] sent = new int[agreements.size()];
                    for (int i = 0; i < share; i++) {
                        int a = i % agreements.size();
                        YearMonth month = YearMonth.from(from).plusYears(historyYears)
                                .plusMonths(sent[a]++ % (months - 12 * historyYears));
                        Government upstream = parties.get(0);
                        try {
                            if (cold) {
                                agreementCache.removeAll();
                            }
                            long start = System.nanoTime();
                            String id = http == null
                                    ? submitByGateway(agreements.get(a), upstream, month, monthlySamples(month))
                                    : submitOverHttp(http, agreements.get(a), upstream, month, monthlySamples(month));
                            histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                            ops++;
                            last[thread] = id;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    operations.addAndGet(ops);
                    done.countDown();
                }
            }, (warmUp ? "bench-warmup-reports-" : "bench-reports-") + t);
            worker.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        long nanos = System.nanoTime() - start;
        Histogram all = Measure.histogram();
        for (Histogram h : histograms) {
            all.add(h);
        }
        lastReports.clear();
        for (String id : last) {
            if (id != null) {
                lastReports.add(id);
            }
        }
        return new Workload.PhaseResult(nanos, operations.get(), errors.get(), firstError.get(), all);
    }

    /** Waits until the last report of every thread is in the read model; answers how long that took. */
    long awaitReports() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(5).toNanos();
        for (String id : lastReports) {
            while (queries.query(new FindMonitoringReportQuery(id), MonitoringReportView.class).join() == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("report " + id + " not in the read model after 5 minutes");
                }
                Thread.sleep(1);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    // ---- assessment ----

    /**
     * Times assessments of a year of daily samples, one at a time, each on an agreement of its own: a "warm" series
     * (the agreement was just written, so its aggregate is normally still in Axon's weak-reference cache) and a
     * "cold" series (a full GC just before clears that cache, so the command first replays the agreement's events:
     * 5 lifecycle events and 12 reports).
     */
    Map<String, Object> assessment() throws Exception {
        workload.setUp();
        List<Government> parties = workload.partiesFor(0);
        int n = options.extra().assessments();
        log("warm-up: " + options.warmup() + " assessments");
        for (int i = 0; i < options.warmup(); i++) {
            assessOnce(parties, i % 2 == 1);
        }
        LifecycleBenchmark.resetPeaks();
        log("measuring: " + n + " warm and " + n + " cold assessments of " + year + ", mode " + options.mode());
        List<Double> warm = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warmCpu = new ArrayList<>();
        List<Double> coldCpu = new ArrayList<>();
        Measure window = Measure.start();
        Outcome first = null;
        for (int i = 0; i < 2 * n; i++) {
            boolean isCold = i % 2 == 1;
            Outcome outcome = assessOnce(parties, isCold);
            (isCold ? cold : warm).add(outcome.millis());
            (isCold ? coldCpu : warmCpu).add(outcome.cpuMillis());
            if (first == null) {
                first = outcome;
            }
            log(String.format(Locale.ROOT, "  %s assessment %d: %.1f ms (JVM CPU %.1f ms)%s", isCold ? "cold" : "warm",
                    i / 2 + 1, outcome.millis(), outcome.cpuMillis(),
                    outcome.responseBytes() > 0 ? ", response " + outcome.responseBytes() + " bytes" : ""));
        }
        window.stop();

        Map<String, Object> summary = header();
        summary.put("assessments", n);
        summary.put("year", year);
        summary.put("reportsPerAssessment", 12);
        summary.put("samplesPerAssessment", first.samples());
        summary.put("warmMedianMs", LifecycleBenchmark.round(Measure.median(warm), 2));
        summary.put("warmMinMs", LifecycleBenchmark.round(warm.stream().mapToDouble(d -> d).min().orElse(0), 2));
        summary.put("warmMaxMs", LifecycleBenchmark.round(warm.stream().mapToDouble(d -> d).max().orElse(0), 2));
        summary.put("warmMedianCpuMs", LifecycleBenchmark.round(Measure.median(warmCpu), 2));
        summary.put("coldMedianMs", LifecycleBenchmark.round(Measure.median(cold), 2));
        summary.put("coldMinMs", LifecycleBenchmark.round(cold.stream().mapToDouble(d -> d).min().orElse(0), 2));
        summary.put("coldMaxMs", LifecycleBenchmark.round(cold.stream().mapToDouble(d -> d).max().orElse(0), 2));
        summary.put("coldMedianCpuMs", LifecycleBenchmark.round(Measure.median(coldCpu), 2));
        summary.put("warmMs", warm.stream().map(d -> LifecycleBenchmark.round(d, 1)).toList());
        summary.put("coldMs", cold.stream().map(d -> LifecycleBenchmark.round(d, 1)).toList());
        summary.put("responseBytes", first.responseBytes());
        summary.put("index", first.index());
        summary.put("met", first.met());
        summary.put("errors", 0);
        window.put(summary, -1);
        putMemory(summary);

        System.out.println();
        System.out.printf(Locale.ROOT, "%s %s assessment of %d (12 monthly reports, %d samples), %d per series%n",
                options.db(), options.mode(), year, first.samples(), n);
        System.out.printf(Locale.ROOT, "  warm  median %s ms (min %s, max %s), JVM CPU median %s ms%n",
                summary.get("warmMedianMs"), summary.get("warmMinMs"), summary.get("warmMaxMs"), summary.get("warmMedianCpuMs"));
        System.out.printf(Locale.ROOT, "  cold  median %s ms (min %s, max %s), JVM CPU median %s ms%n",
                summary.get("coldMedianMs"), summary.get("coldMinMs"), summary.get("coldMaxMs"), summary.get("coldMedianCpuMs"));
        System.out.printf(Locale.ROOT, "  result index %s, met %s; load average %s -> %s%n", first.index(), first.met(),
                summary.get("loadAvgBefore"), summary.get("loadAvgAfter"));
        return summary;
    }

    private record Outcome(double millis, double cpuMillis, int samples, long responseBytes, String index, boolean met) {
    }

    /** A fresh agreement in force with a year of daily samples, then one timed assessment of that year. */
    private Outcome assessOnce(List<Government> parties, boolean cold) throws Exception {
        String agreement = inForce(parties);
        String lastReport = null;
        int samples = 0;
        for (int month = 1; month <= 12; month++) {
            YearMonth ym = YearMonth.of(year, month);
            List<Sample> daily = dailySamples(ym);
            samples += daily.size();
            lastReport = submitByGateway(agreement, parties.get(0), ym, daily);
        }
        // the read models first, so that the assessment does not compete with their catching up
        while (queries.query(new FindMonitoringReportQuery(lastReport), MonitoringReportView.class).join() == null) {
            Thread.sleep(1);
        }
        if (cold) {
            System.gc(); // clears Axon's WeakReferenceCache: the command replays the agreement's events
        }
        Thread.sleep(100);
        Government party = parties.get(1);
        long cpu = LifecycleBenchmark.processCpuNanos();
        long start = System.nanoTime();
        String index;
        boolean met;
        long bytes = 0;
        if (options.mode().equals("gateway")) {
            String assessmentId = UUID.randomUUID().toString();
            send(new AssessSectionCommand(agreement, assessmentId, party.id(), SECTION, Integer.toString(year)), party);
            long nanos = System.nanoTime() - start;
            long cpuNanos = LifecycleBenchmark.processCpuNanos() - cpu;
            AssessmentView view;
            while ((view = queries.query(new FindAssessmentQuery(assessmentId), AssessmentView.class).join()) == null) {
                Thread.sleep(1);
            }
            index = view.result().index().toPlainString();
            met = view.result().met();
            return new Outcome(nanos / 1e6, cpuNanos / 1e6, samples, bytes, index, met);
        }
        HttpResponse<byte[]> response = Workload.send(Workload.newClient(), workload.post("/api/v1/agreements/"
                + agreement + "/assessments", Map.of("sectionId", SECTION, "period", Integer.toString(year)), party.token()));
        long nanos = System.nanoTime() - start;
        long cpuNanos = LifecycleBenchmark.processCpuNanos() - cpu;
        Workload.expect(response, 201, "assessment");
        JsonNode body = JSON.readTree(response.body());
        index = body.path("result").path("index").asText();
        met = body.path("result").path("met").asBoolean();
        bytes = response.body().length;
        return new Outcome(nanos / 1e6, cpuNanos / 1e6, samples, bytes, index, met);
    }

    // ---- agreements and reports ----

    AgreementDraft draft(List<Government> parties) {
        Government upstream = parties.get(0);
        Government downstream = parties.get(1);
        List<CompensationRule.Indicator> indicators = new ArrayList<>();
        for (int i = 0; i < POLLUTANTS.length; i++) {
            indicators.add(new CompensationRule.Indicator(POLLUTANTS[i], new BigDecimal(BASELINES[i]),
                    new BigDecimal("0.25")));
        }
        CompensationRule index = new CompensationRule(CompensationRuleType.WATER_QUALITY_INDEX, SECTION,
                AssessmentPeriod.YEAR, new BigDecimal("0.85"), indicators, Money.of("100000000.00", Money.CNY),
                Money.of("100000000.00", Money.CNY), null, null, null, null);
        AgreementTerms terms = new AgreementTerms(TEXT,
                List.of(new MonitoringSection(SECTION, "Jiekou", "Xin'an River", null, upstream.id(), downstream.id())),
                List.of(new ObligationTerm("OB-1", upstream.id(), "Publish the monthly joint monitoring plan",
                        until.minusDays(1))),
                List.of(index));
        return new AgreementDraft("Xin'an River ecological compensation", "Xin'an River",
                List.of(new Party(upstream.id(), PartyRole.UPSTREAM), new Party(downstream.id(), PartyRole.DOWNSTREAM)),
                from, until, terms);
    }

    /** Drafts, opens and signs an agreement through the command gateway; it is in force at the last signature. */
    String inForce(List<Government> parties) {
        String id = UUID.randomUUID().toString();
        Government drafter = parties.get(0);
        AgreementDraft draft = draft(parties);
        send(new DraftAgreementCommand(id, drafter.id(), draft), drafter);
        send(new OpenAgreementForSignatureCommand(id, drafter.id()), drafter);
        byte[] document = CanonicalTerms.of(id, draft).bytes();
        for (Government party : parties) {
            send(new SignAgreementCommand(id, party.id(), party.sign(document), party.keyId()), party);
        }
        return id;
    }

    /** 30 samples of each of the 4 pollutants, spread over the month's days (two a day once the days run out). */
    static List<Sample> monthlySamples(YearMonth month) {
        List<Sample> samples = new ArrayList<>(POLLUTANTS.length * SAMPLES_PER_POLLUTANT);
        int days = month.lengthOfMonth();
        for (int i = 0; i < SAMPLES_PER_POLLUTANT; i++) {
            Instant takenAt = LedgerCalendar.startOf(month.atDay(1 + i % days)).plus(Duration.ofHours(10 + i / days));
            addAll(samples, takenAt);
        }
        return samples;
    }

    /** One sample of each of the 4 pollutants on every day of the month, at 10:00 basin time. */
    static List<Sample> dailySamples(YearMonth month) {
        List<Sample> samples = new ArrayList<>(POLLUTANTS.length * month.lengthOfMonth());
        for (int day = 1; day <= month.lengthOfMonth(); day++) {
            addAll(samples, LedgerCalendar.startOf(month.atDay(day)).plus(Duration.ofHours(10)));
        }
        return samples;
    }

    /** Values scattered from 0.75 to 1.05 of the baseline (a test that is normally met). */
    private static void addAll(List<Sample> samples, Instant takenAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int p = 0; p < POLLUTANTS.length; p++) {
            BigDecimal baseline = new BigDecimal(BASELINES[p]);
            BigDecimal factor = BigDecimal.valueOf(750 + random.nextInt(301), 3);
            samples.add(new Sample(takenAt, POLLUTANTS[p], baseline.multiply(factor).setScale(4,
                    java.math.RoundingMode.HALF_UP), "mg/L"));
        }
    }

    String submitByGateway(String agreementId, Government party, YearMonth month, List<Sample> samples) {
        String reportId = UUID.randomUUID().toString();
        send(new SubmitMonitoringReportCommand(agreementId, reportId, party.id(), SECTION, month.toString(), samples,
                null), party);
        return reportId;
    }

    String submitOverHttp(java.net.http.HttpClient client, String agreementId, Government party, YearMonth month,
                          List<Sample> samples) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            list.add(Map.of("takenAt", s.takenAt().toString(), "pollutant", s.pollutant().name(),
                    "value", s.value().toPlainString(), "unit", s.unit()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sectionId", SECTION);
        body.put("period", month.toString());
        body.put("samples", list);
        HttpResponse<byte[]> response = Workload.send(client, workload.post("/api/v1/agreements/" + agreementId
                + "/monitoring-reports", body, party.token()));
        Workload.expect(response, 201, "monitoring report");
        return JSON.readTree(response.body()).path("id").asText();
    }

    private void send(Object command, Government actor) {
        Map<String, String> metaData = Map.of(Actor.ACTOR, "jurisdiction:" + actor.id(),
                Actor.ACTOR_JURISDICTION, actor.id(), Actor.REQUEST_ID, "bench-" + UUID.randomUUID());
        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private Map<String, Object> header() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("db", options.db());
        summary.put("workload", options.workload());
        summary.put("mode", options.mode());
        summary.put("threads", options.threads());
        return summary;
    }

    static void putMemory(Map<String, Object> summary) {
        summary.put("peakHeapMB", LifecycleBenchmark.round(LifecycleBenchmark.peakHeapBytes() / 1048576.0, 1));
        summary.put("peakRssMB", LifecycleBenchmark.round(LifecycleBenchmark.peakRssBytes() / 1048576.0, 1));
    }

    private static void log(String message) {
        LifecycleBenchmark.log(message);
    }
}
