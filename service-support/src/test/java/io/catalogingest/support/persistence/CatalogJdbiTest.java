package io.catalogingest.support.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.catalogingest.common.ReleaseId;
import io.catalogingest.common.release.ReleaseStatus;
import io.catalogingest.testsupport.CatalogInfrastructureTest;
import io.catalogingest.testsupport.Infrastructure;

/** The conventions of {@link CatalogJdbi}: typed ids as uuids and project enums as lowercase names, both ways. */
@CatalogInfrastructureTest
class CatalogJdbiTest {

    private static Jdbi jdbi;

    @BeforeAll
    static void start(Infrastructure infrastructure) {
        jdbi = CatalogJdbi.create(infrastructure.isolate().migratedDataSource());
        jdbi.useHandle(handle -> handle.execute("create table note (id uuid primary key, status text)"));
    }

    public record Note(ReleaseId id, ReleaseStatus status) {
    }

    @RegisterConstructorMapper(Note.class)
    interface NoteDao {

        @SqlUpdate("insert into note (id, status) values (:id, :status)")
        void insert(@Bind("id") ReleaseId id, @Bind("status") ReleaseStatus status);

        @SqlBatch("insert into note (id, status) values (:id, :status)")
        void insertAll(@BindMethods List<Note> notes);

        @SqlQuery("select status from note where id = :id")
        Optional<ReleaseStatus> status(@Bind("id") ReleaseId id);

        @SqlQuery("select status::text from note where id = :id")
        Optional<String> storedStatus(@Bind("id") ReleaseId id);

        @SqlQuery("select id, status from note where id = :id")
        Optional<Note> find(@Bind("id") ReleaseId id);
    }

    @Test
    void typedIdsAndStatusesGoInAsUuidsAndLowercaseNamesAndComeBack() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());
        ReleaseId other = new ReleaseId(UUID.randomUUID());
        NoteDao notes = jdbi.onDemand(NoteDao.class);

        notes.insert(id, ReleaseStatus.SUBMITTED);
        notes.insertAll(List.of(new Note(other, ReleaseStatus.APPROVED)));

        assertThat(notes.storedStatus(id)).contains("submitted");
        assertThat(notes.status(id)).contains(ReleaseStatus.SUBMITTED);
        assertThat(notes.find(other)).contains(new Note(other, ReleaseStatus.APPROVED));
        assertThat(notes.find(new ReleaseId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aStoredValueThatIsNoConstantIsAnError() {
        ReleaseId id = new ReleaseId(UUID.randomUUID());
        jdbi.useHandle(handle -> handle.createUpdate("insert into note (id, status) values (:id, 'archived')")
                .bind("id", id.value()).execute());

        assertThatThrownBy(() -> jdbi.onDemand(NoteDao.class).status(id)).hasMessageContaining("archived");
    }
}
