package io.catalogingest.common.catalog;

/**
 * Command: create an artist a product can refer to. {@code label}, {@code copyright} and {@code publisher} are the
 * artist's defaults, which a product of this primary artist takes unless it gives its own. Null means "not given".
 */
public record CreateArtist(String artistId, String name, String label, String copyright, String publisher)
        implements CatalogCommand {

    @Override
    public String aggregateId() {
        return artistId;
    }
}
