package io.signalbox.cost.repricing.web;

/** A re-pricing request that cannot be run as sent; {@link #parameter()} names the field at fault. */
class InvalidRepricingRequestException extends RuntimeException {

    private final String parameter;

    InvalidRepricingRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
