package io.signalbox.cost.budget;

/** No budget has the id (answered 404). */
public class BudgetNotFoundException extends RuntimeException {

    private final String id;

    public BudgetNotFoundException(String id) {
        super("There is no budget with id '" + id + "'.");
        this.id = id;
    }

    public String id() {
        return id;
    }
}
