package io.catalogingest.webhook.delivery;

/** An attempt failed and another is due: thrown so that the error handler waits and hands the record back. */
class DeliveryFailedException extends RuntimeException {

    DeliveryFailedException(String deliveryId, int attempt, String reason) {
        super("Delivery " + deliveryId + " attempt " + attempt + " failed: " + reason);
    }
}
