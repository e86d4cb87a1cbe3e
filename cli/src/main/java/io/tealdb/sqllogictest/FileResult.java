package io.tealdb.sqllogictest;

import java.util.List;

/**
 * Outcome of one test file. {@code line}/{@code reason} describe the first failing record
 * (FAILED) or why the file was skipped (SKIPPED); {@code failures} lists every failing record.
 */
public record FileResult(String testName, Status status, int line, String reason, int recordsRun,
                         int recordsFailed, List<String> failures, long millis) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public String summaryLine() {
        return switch (status) {
            case PASSED -> "PASS " + testName;
            case SKIPPED -> "SKIP " + testName + ": " + reason;
            case FAILED -> "FAIL " + testName + (line > 0 ? ":" + line : "") + ": " + reason
                    + (recordsFailed > 1 ? " (+" + (recordsFailed - 1) + " more failing records)" : "");
        };
    }
}
