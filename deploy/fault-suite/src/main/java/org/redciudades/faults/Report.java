package org.redciudades.faults;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The suite's table, in Markdown: one row per scenario. */
public final class Report {

    private Report() {
    }

    public static String table(List<FaultScenarios.Result> results) {
        var out = new StringBuilder();
        out.append("| scenario | registrations | acknowledged | not acknowledged | effects lost | effects duplicated "
                + "| facts | facts lost / not applied | outbox unsent | emails sent | emails lost | emails duplicated "
                + "| seats over capacity / missed promotions | HTTP errors by kind | slowest answer | fault | "
                + "recovery | quiet after |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (var result : results) {
            var f = result.findings();
            out.append("| ").append(result.name())
                    .append(" | ").append(result.registrations())
                    .append(" | ").append(f.acknowledged())
                    .append(" | ").append(f.notAcknowledged())
                    .append(" | ").append(f.effectsLost())
                    .append(" | ").append(f.effectsDuplicated())
                    .append(" | ").append(f.facts())
                    .append(" | ").append(f.factsLost()).append(" / ").append(f.factsNotApplied())
                    .append(" | ").append(f.outboxUnsent())
                    .append(" | ").append(f.emailsExpected())
                    .append(" | ").append(f.emailsLost())
                    .append(" | ").append(f.emailsDuplicated())
                    .append(" | ").append(f.seatViolations()).append(" / ").append(f.missedPromotions())
                    .append(" | ").append(kinds(f.httpErrors()))
                    .append(" | ").append("%.1f s".formatted(f.slowestMillis() / 1000.0))
                    .append(" | ").append("%.0f s".formatted(result.faultSeconds()))
                    .append(" | ").append("%.1f s".formatted(result.recoverySeconds()))
                    .append(" | ").append("%.1f s".formatted(result.quietSeconds()))
                    .append(" |\n");
        }
        return out.toString();
    }

    static String kinds(Map<String, Integer> kinds) {
        if (kinds.isEmpty()) {
            return "none";
        }
        return kinds.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
