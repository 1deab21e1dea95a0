package org.basinledger.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's own options; every other {@code --name=value} is a Spring property for the application.
 *
 * @param jurisdictions how many jurisdictions the client threads share; 0 (default) gives each thread its own
 *                      {@code parties} jurisdictions, so no two threads act for the same jurisdiction
 */
record Options(String db, String mode, int threads, int agreements, int warmup, int parties, int jurisdictions,
               Path dataRoot, boolean keepData, List<String> springArgs) {

    private static final Set<String> OWN = Set.of("db", "mode", "threads", "agreements", "warmup", "parties",
            "jurisdictions", "data-root", "keep-data");

    static Options parse(String[] args) {
        String db = "h2";
        String mode = "gateway";
        int threads = 1;
        int agreements = 2000;
        int warmup = 300;
        int parties = 2;
        int jurisdictions = 0;
        Path dataRoot = null;
        boolean keepData = false;
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String name = eq < 0 ? body : body.substring(0, eq);
            String value = eq < 0 ? "true" : body.substring(eq + 1);
            if (!OWN.contains(name)) {
                spring.add(arg);
                continue;
            }
            switch (name) {
                case "db" -> db = value;
                case "mode" -> mode = value;
                case "threads" -> threads = Integer.parseInt(value);
                case "agreements" -> agreements = Integer.parseInt(value);
                case "warmup" -> warmup = Integer.parseInt(value);
                case "parties" -> parties = Integer.parseInt(value);
                case "jurisdictions" -> jurisdictions = Integer.parseInt(value);
                case "data-root" -> dataRoot = Path.of(value);
                case "keep-data" -> keepData = Boolean.parseBoolean(value);
                default -> throw new IllegalStateException(name);
            }
        }
        if (!mode.equals("gateway") && !mode.equals("http")) {
            throw new IllegalArgumentException("--mode must be gateway or http, not " + mode);
        }
        if (threads < 1 || agreements < threads || parties < 2 || parties > 4) {
            throw new IllegalArgumentException("need threads >= 1, agreements >= threads, 2 <= parties <= 4");
        }
        if (jurisdictions != 0 && jurisdictions < parties) {
            throw new IllegalArgumentException("--jurisdictions must be 0 (one set per thread) or >= --parties");
        }
        if (dataRoot == null) {
            dataRoot = defaultDataRoot();
        }
        return new Options(db, mode, threads, agreements, warmup, parties, jurisdictions, dataRoot, keepData,
                List.copyOf(spring));
    }

    /** benchmark/target/bench-data next to the jar when run from it, else ./target/bench-data. */
    private static Path defaultDataRoot() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            Path dir = Path.of(classPath).toAbsolutePath().getParent();
            if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                return dir.resolve("bench-data");
            }
        }
        return Path.of("target", "bench-data");
    }

    int totalJurisdictions() {
        return jurisdictions == 0 ? threads * parties : jurisdictions;
    }
}
