package io.catalogingest.ingest.product;

import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What UPC allocation needs to know about product rows. */
@RegisterConstructorMapper(ProductUpcDao.Product.class)
interface ProductUpcDao {

    /** A product's tenant and id. */
    record Product(String tenantId, String id) {
    }

    /** Of the given (tenant, id) pairs, those a product already has: such a product gets no number. */
    @SqlQuery("""
            select p.tenant_id, p.id from product p
            join unnest(cast(:tenants as text[]), cast(:ids as text[])) as k(tenant_id, id)
              on p.tenant_id = k.tenant_id and p.id = k.id""")
    List<Product> taken(@Bind("tenants") String[] tenants, @Bind("ids") String[] ids);
}
