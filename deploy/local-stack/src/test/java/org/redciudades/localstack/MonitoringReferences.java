package org.redciudades.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the monitoring files in {@code deploy/observability/} refer to: the metric names used by the alert rules
 * and the dashboard panels, the alert names, and the runbook's section anchors.
 */
public final class MonitoringReferences {

    public static final String ALERTS = "deploy/observability/prometheus/alerts.yml";
    public static final String DASHBOARDS = "deploy/observability/grafana/dashboards";
    public static final String RUNBOOK = "deploy/observability/RUNBOOK.md";

    /** Words of PromQL that are never metric names: functions, aggregations, operators and modifiers. */
    private static final Set<String> KEYWORDS = Set.of(
            // aggregation operators and their clauses
            "sum", "avg", "min", "max", "count", "count_values", "group", "stddev", "stdvar", "quantile",
            "topk", "bottomk", "limitk", "limit_ratio", "by", "without",
            // binary operators and vector matching
            "and", "or", "unless", "bool", "on", "ignoring", "group_left", "group_right", "atan2",
            // modifiers
            "offset", "start", "end",
            // functions
            "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "resets", "changes",
            "histogram_quantile", "histogram_count", "histogram_sum", "histogram_fraction", "histogram_avg",
            "clamp", "clamp_min", "clamp_max", "abs", "absent", "absent_over_time", "ceil", "floor", "round",
            "exp", "ln", "log2", "log10", "sqrt", "sgn", "vector", "scalar", "time", "timestamp", "sort",
            "sort_desc", "label_replace", "label_join", "avg_over_time", "max_over_time", "min_over_time",
            "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time",
            "last_over_time", "present_over_time", "day_of_month", "day_of_week", "day_of_year",
            "days_in_month", "hour", "minute", "month", "year",
            // number literals spelled as words
            "inf", "nan");

    /** Clauses followed by a parenthesised list of label names. */
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

    private MonitoringReferences() {
    }

    /** Every metric name referenced by an alert rule's {@code expr} or by a dashboard panel target's {@code expr}. */
    public static Set<String> metricNames(Path repoRoot) {
        var names = new TreeSet<String>();
        for (var expr : ruleExpressions(repoRoot)) {
            names.addAll(metricNamesIn(expr));
        }
        for (var expr : dashboardExpressions(repoRoot)) {
            names.addAll(metricNamesIn(expr));
        }
        return names;
    }

    /** The names of the alerting rules in {@code alerts.yml}. */
    public static Set<String> alertNames(Path repoRoot) {
        var names = new TreeSet<String>();
        for (var rule : rules(repoRoot)) {
            if (rule.get("alert") instanceof String name) {
                names.add(name);
            }
        }
        return names;
    }

    /** Each alert's {@code runbook_url} annotation (null when it has none), by alert name. */
    public static Map<String, String> runbookUrls(Path repoRoot) {
        var urls = new LinkedHashMap<String, String>();
        for (var rule : rules(repoRoot)) {
            if (rule.get("alert") instanceof String name) {
                var annotations = rule.get("annotations") instanceof Map<?, ?> map ? map : Map.of();
                urls.put(name, annotations.get("runbook_url") instanceof String url ? url : null);
            }
        }
        return urls;
    }

    /** The anchors GitHub gives the headings of {@code RUNBOOK.md} (e.g. {@code ## ServiceDown} → {@code servicedown}). */
    public static Set<String> runbookAnchors(Path repoRoot) {
        var anchors = new LinkedHashSet<String>();
        var seen = new HashMap<String, Integer>();
        boolean inFence = false;
        for (var line : readLines(repoRoot.resolve(RUNBOOK))) {
            var trimmed = line.strip();
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence || !line.matches("#{1,6} .*")) {
                continue;
            }
            var slug = slug(line.replaceFirst("^#{1,6} +", "").replaceFirst(" +#+ *$", ""));
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }

    /** The {@code expr} of every rule (alerting or recording) in {@code alerts.yml}. */
    public static List<String> ruleExpressions(Path repoRoot) {
        var exprs = new ArrayList<String>();
        for (var rule : rules(repoRoot)) {
            if (rule.get("expr") != null) {
                exprs.add(String.valueOf(rule.get("expr")));
            }
        }
        return exprs;
    }

    /** The {@code expr} of every panel target of every dashboard, rows' nested panels included. */
    public static List<String> dashboardExpressions(Path repoRoot) {
        var exprs = new ArrayList<String>();
        for (var dashboard : dashboards(repoRoot).values()) {
            collectExpressions(dashboard.path("panels"), exprs);
        }
        return exprs;
    }

    /** The dashboards in {@code grafana/dashboards/}, by file name, in name order. */
    public static Map<String, JsonNode> dashboards(Path repoRoot) {
        var dir = repoRoot.resolve(DASHBOARDS);
        var mapper = JsonMapper.builder().build();
        var dashboards = new LinkedHashMap<String, JsonNode>();
        try (Stream<Path> files = Files.list(dir)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                dashboards.put(file.getFileName().toString(), mapper.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dashboards in " + dir, e);
        }
        return dashboards;
    }

    /**
     * The metric names in one PromQL expression: what is left once string literals, label matchers
     * ({@code {...}}), ranges and subqueries ({@code [5m]}), numbers and durations, functions, aggregations,
     * operators, and the label lists of {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_left}/
     * {@code group_right} are taken out. An identifier followed by {@code (} is taken for a function even if it
     * is not a known one, since a metric name never is.
     */
    public static Set<String> metricNamesIn(String promql) {
        var names = new LinkedHashSet<String>();
        int i = 0;
        int n = promql.length();
        while (i < n) {
            char c = promql.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(promql, i);
            } else if (c == '#') {
                i = skipComment(promql, i);
            } else if (c == '{') {
                i = skipBracketed(promql, i, '{', '}');
            } else if (c == '[') {
                i = skipBracketed(promql, i, '[', ']');
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(promql.charAt(i + 1)))) {
                i = skipNumber(promql, i);
            } else if (c == '$') {
                // a Grafana variable outside quotes and brackets: $application or ${application}
                i++;
                if (i < n && promql.charAt(i) == '{') {
                    i = skipBracketed(promql, i, '{', '}');
                }
                while (i < n && isIdentifierPart(promql.charAt(i))) {
                    i++;
                }
            } else if (isIdentifierStart(c)) {
                int start = i;
                while (i < n && isIdentifierPart(promql.charAt(i))) {
                    i++;
                }
                var word = promql.substring(start, i);
                var lower = word.toLowerCase(Locale.ROOT);
                int next = skipSpace(promql, i);
                boolean call = next < n && promql.charAt(next) == '(';
                if (GROUPING.contains(lower)) {
                    if (call) {
                        i = skipBracketed(promql, next, '(', ')');
                    }
                } else if (!KEYWORDS.contains(lower) && !call) {
                    names.add(word);
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** The rules of every group in {@code alerts.yml}, as SnakeYAML reads them. */
    static List<Map<?, ?>> rules(Path repoRoot) {
        var file = repoRoot.resolve(ALERTS);
        Object loaded;
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded = new Yaml().load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        var rules = new ArrayList<Map<?, ?>>();
        if (loaded instanceof Map<?, ?> root && root.get("groups") instanceof List<?> groups) {
            for (var group : groups) {
                if (group instanceof Map<?, ?> g && g.get("rules") instanceof List<?> list) {
                    for (var rule : list) {
                        if (rule instanceof Map<?, ?> r) {
                            rules.add(r);
                        }
                    }
                }
            }
        }
        return rules;
    }

    private static void collectExpressions(JsonNode panels, List<String> exprs) {
        for (var panel : panels) {
            for (var target : panel.path("targets")) {
                var expr = target.path("expr");
                if (expr.isString() && !expr.asString().isBlank()) {
                    exprs.add(expr.asString());
                }
            }
            collectExpressions(panel.path("panels"), exprs);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    private static String slug(String heading) {
        var text = heading.strip().toLowerCase(Locale.ROOT);
        var slug = new StringBuilder();
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.append(c);
            } else if (c == ' ') {
                slug.append('-');
            }
        }
        return slug.toString();
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            // backquoted strings have no escapes
            i += (s.charAt(i) == '\\' && quote != '`') ? 2 : 1;
        }
        return Math.min(i + 1, s.length());
    }

    private static int skipComment(String s, int i) {
        while (i < s.length() && s.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    /** From an opening bracket to just past its match, stepping over strings and nested brackets of the same kind. */
    private static int skipBracketed(String s, int i, char open, char close) {
        int depth = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(s, i);
                continue;
            }
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }

    /** A number (1, 0.05, 1e-9, 0x1f) or a duration (5m, 1h30m). */
    private static int skipNumber(String s, int i) {
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean exponentSign = (c == '+' || c == '-')
                    && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                    && !s.substring(start, i).toLowerCase(Locale.ROOT).startsWith("0x")
                    && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
