package io.catalogingest.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

@CatalogInfrastructureTest
class PostgresInfrastructureTest {

    private final Infrastructure infrastructure;

    PostgresInfrastructureTest(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    @Test
    void startsOncePerJvm() {
        assertThat(SharedInstances.record(infrastructure)).containsExactly(infrastructure);
    }

    @Test
    void unqualifiedTablesLiveInTheIsolatedSchemaOnly() throws SQLException {
        Isolation mine = infrastructure.isolate();
        Isolation theirs = infrastructure.isolate();

        try (Connection connection = connect(mine); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE release (upc text PRIMARY KEY, title text NOT NULL)");
            statement.execute("INSERT INTO release VALUES ('036000291452', 'Kind of Blue')");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT title, current_schema() FROM release WHERE upc = '036000291452'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Kind of Blue");
                assertThat(rows.getString(2)).isEqualTo(mine.schema());
            }
        }

        try (Connection connection = connect(theirs); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM release"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    private static Connection connect(Isolation isolation) throws SQLException {
        Map<String, String> properties = isolation.springProperties();
        return DriverManager.getConnection(properties.get("spring.datasource.url"),
                properties.get("spring.datasource.username"), properties.get("spring.datasource.password"));
    }
}
