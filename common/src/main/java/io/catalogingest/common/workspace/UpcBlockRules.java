package io.catalogingest.common.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.upc.UpcBlock;

/**
 * The rules a new UPC block must satisfy on its own (prefix length, range inside the prefix's capacity), per field
 * of {@code POST /tenant/upc-blocks}. Overlap with other blocks and prefix ownership depend on state: the
 * ingest-worker checks those.
 */
public final class UpcBlockRules {

    private UpcBlockRules() {
    }

    /** Every problem of the command, per field; empty when {@link #block} will succeed. */
    public static List<FieldError> problems(AddUpcBlock command) {
        List<FieldError> errors = new ArrayList<>();
        if (command.gtinLength() != 12 && command.gtinLength() != 13) {
            errors.add(new FieldError("gtinLength", "must be 12 (UPC-A) or 13 (EAN-13), got " + command.gtinLength()));
            return errors;
        }
        Optional<String> prefix = UpcBlock.prefixProblem(command.companyPrefix(), command.gtinLength());
        if (prefix.isPresent()) {
            errors.add(new FieldError("companyPrefix", prefix.get()));
            return errors;
        }
        long max = UpcBlock.maxItemReference(command.companyPrefix(), command.gtinLength());
        String capacity = " (prefix " + command.companyPrefix() + " leaves " + (command.gtinLength() - 1
                - command.companyPrefix().length()) + " item-reference digits in a GTIN-" + command.gtinLength()
                + ": 0.." + max + ")";
        if (command.firstItemReference() < 0 || command.firstItemReference() > max) {
            errors.add(new FieldError("firstItemReference", "must be from 0 to " + max + capacity + ", got "
                    + command.firstItemReference()));
        }
        if (command.lastItemReference() < 0 || command.lastItemReference() > max) {
            errors.add(new FieldError("lastItemReference", "must be from 0 to " + max + capacity + ", got "
                    + command.lastItemReference()));
        }
        if (errors.isEmpty() && command.firstItemReference() > command.lastItemReference()) {
            errors.add(new FieldError("lastItemReference", "must not be below firstItemReference ("
                    + command.firstItemReference() + "), got " + command.lastItemReference()));
        }
        return errors;
    }

    /**
     * The block of a command without {@link #problems}.
     *
     * @throws IllegalArgumentException when it has some
     */
    public static UpcBlock block(AddUpcBlock command) {
        return new UpcBlock(command.companyPrefix(), command.firstItemReference(), command.lastItemReference(),
                command.gtinLength());
    }
}
