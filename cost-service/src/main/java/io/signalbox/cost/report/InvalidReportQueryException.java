package io.signalbox.cost.report;

/** A report query that cannot be answered as asked; {@link #parameter()} names the culprit. */
public class InvalidReportQueryException extends RuntimeException {

    private final String parameter;

    public InvalidReportQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
