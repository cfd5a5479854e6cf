package io.catalogingest.ingest.product;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where UPCs come from when a product is created without one, {@code catalog.upc.*}.
 *
 * <pre>
 * catalog.upc.auto-upc=true                            # default for tenants not listed
 * catalog.upc.default-block.company-prefix=0614141     # the block of tenants not listed
 * catalog.upc.default-block.first=0
 * catalog.upc.default-block.last=9999                  # empty: up to the end of the prefix
 * catalog.upc.tenants.label-one.company-prefix=0812345
 * catalog.upc.tenants.label-one.auto-upc=false         # TEMP + first 12 characters of the id
 * </pre>
 *
 * @param autoUpc      whether tenants not listed (and listed ones that do not say) get a real UPC
 * @param defaultBlock the GS1 block of tenants without their own (they share it, and its counter)
 * @param tenants      per tenant id: its own block and/or its auto-UPC setting
 */
@ConfigurationProperties("catalog.upc")
public record UpcProperties(@DefaultValue("true") boolean autoUpc,
                            @DefaultValue Block defaultBlock,
                            Map<String, Tenant> tenants) {

    public UpcProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * A GS1 company prefix (6–10 digits, for GTIN-12) and the item references of it that may be issued.
     * The default, 0614141, is GS1's documentation example prefix: configure your own in production.
     *
     * @param last null: up to the last item reference the prefix allows
     */
    public record Block(@DefaultValue("0614141") String companyPrefix, @DefaultValue("0") long first, Long last) {
    }

    /**
     * A tenant's settings; what it leaves out comes from the defaults.
     *
     * @param companyPrefix null: the tenant draws from the default block
     */
    public record Tenant(String companyPrefix, Long first, Long last, Boolean autoUpc) {
    }
}
