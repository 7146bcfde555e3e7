package io.signalbox.cost.repricing;

import java.util.List;

import io.signalbox.cost.statement.Statements;

/** The run would change figures of issued statements and was not asked to correct them; answered 409. */
public class IssuedStatementsInPeriodException extends RuntimeException {

    private final List<Statements.IssuedRef> statements;

    IssuedStatementsInPeriodException(List<Statements.IssuedRef> statements) {
        super("The period holds line items on " + statements.size() + " issued statement(s), and issued statements "
                + "never change. Send \"correctIssuedStatements\": true to re-price and issue a correcting revision "
                + "of each.");
        this.statements = List.copyOf(statements);
    }

    public List<Statements.IssuedRef> statements() {
        return statements;
    }
}
