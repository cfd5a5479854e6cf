package io.catalogingest.gateway.workspace;

import java.util.UUID;

import io.catalogingest.common.upc.UpcBlock;
import io.catalogingest.common.workspace.AddUpcBlock;
import io.catalogingest.common.workspace.UpcBlockRules;
import io.catalogingest.gateway.web.FormException;
import io.catalogingest.gateway.web.FormReader;
import io.catalogingest.gateway.web.FormReader.Text;
import tools.jackson.databind.JsonNode;

/**
 * The body of a new UPC block, {@code {companyPrefix, firstItemReference, lastItemReference, gtinLength}}: read with
 * the form kit, then held to the rules a block must satisfy on its own ({@link UpcBlockRules}, which name the ranges).
 */
final class UpcBlockForm {

    private static final String REFUSAL = "Invalid UPC block";
    /** Longer than any prefix: a longer text is named by the prefix rule, not as too long. */
    private static final int PREFIX_MAX = 255;
    private static final long DEFAULT_GTIN_LENGTH = 12;

    private UpcBlockForm() {
    }

    /**
     * @throws FormException 400 naming every bad field
     */
    static AddUpcBlock toCommand(JsonNode given) {
        JsonNode body = FormReader.body(given, REFUSAL);
        FormReader form = new FormReader();
        String prefix = form.text(body, "companyPrefix", Text.required(PREFIX_MAX).stringOnly());
        long gtinLength = form.wholeNumber(body.get("gtinLength"), "gtinLength", DEFAULT_GTIN_LENGTH);
        long first = form.wholeNumber(body.get("firstItemReference"), "firstItemReference", 0L);
        Long last = form.wholeNumber(body.get("lastItemReference"), "lastItemReference", null);
        form.check(REFUSAL);
        int length = gtinLength == 12 || gtinLength == 13 ? (int) gtinLength : 0;
        if (last == null && length != 0 && UpcBlock.prefixProblem(prefix, length).isEmpty()) {
            last = UpcBlock.maxItemReference(prefix, length); // the whole prefix
        }
        AddUpcBlock command = new AddUpcBlock(UUID.randomUUID().toString(), prefix,
                (int) Math.max(0, Math.min(gtinLength, 99)), first, last == null ? 0 : last);
        UpcBlockRules.problems(command).forEach(problem -> form.add(problem.field(), problem.message()));
        form.check(REFUSAL);
        return command;
    }
}
