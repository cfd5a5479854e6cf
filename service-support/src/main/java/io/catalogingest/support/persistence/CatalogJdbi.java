package io.catalogingest.support.persistence;

import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import io.catalogingest.common.TypedId;

/**
 * The one way to make a {@link Jdbi}, for the services and for tests wired by hand: SqlObject DAOs (ADR 0018),
 * Postgres types, and two conventions every DAO relies on.
 *
 * <ul>
 *   <li>Typed ids ({@link TypedId}: {@code ReleaseId}, {@code MediaId}, {@code TrackId}) bind as their UUID and map
 *       from a uuid column.</li>
 *   <li>The project's enums ({@code io.catalogingest..}: statuses and stages) are stored as their lowercase name
 *       ({@code ReleaseStatus.DRAFT} is {@code 'draft'}); a column maps back whatever its case.</li>
 * </ul>
 */
public final class CatalogJdbi {

    private static final String PROJECT = "io.catalogingest.";

    private CatalogJdbi() {
    }

    public static Jdbi create(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource)
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin());
        jdbi.registerArgument(new ProjectArguments());
        jdbi.registerColumnMapper(new ProjectColumns());
        return jdbi;
    }

    private static boolean projectEnum(Class<?> type) {
        return type.isEnum() && type.getName().startsWith(PROJECT);
    }

    /** Binds typed ids as UUIDs and project enums as their lowercase names. */
    private static final class ProjectArguments implements ArgumentFactory.Preparable {

        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (TypedId.class.isAssignableFrom(raw)) {
                return Optional.of(value -> (position, statement, context) -> statement.setObject(position,
                        value == null ? null : ((TypedId) value).value(), Types.OTHER));
            }
            if (projectEnum(raw)) {
                return Optional.of(value -> (position, statement, context) -> statement.setString(position,
                        value == null ? null : ((Enum<?>) value).name().toLowerCase(Locale.ROOT)));
            }
            return Optional.empty();
        }
    }

    /** Maps uuid columns to typed ids and text columns to project enums. */
    private static final class ProjectColumns implements ColumnMapperFactory {

        @Override
        public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (TypedId.class.isAssignableFrom(raw) && !raw.isInterface()) {
                Constructor<?> constructor = idConstructor(raw);
                return Optional.of((rs, column, context) -> {
                    UUID value = rs.getObject(column, UUID.class);
                    return value == null ? null : newId(constructor, value);
                });
            }
            if (projectEnum(raw)) {
                Object[] constants = raw.getEnumConstants();
                return Optional.of((rs, column, context) -> {
                    String value = rs.getString(column);
                    return value == null ? null : Arrays.stream(constants)
                            .filter(constant -> ((Enum<?>) constant).name().equalsIgnoreCase(value))
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException(
                                    "column " + column + " holds '" + value + "', not a " + raw.getSimpleName()));
                });
            }
            return Optional.empty();
        }

        private static Constructor<?> idConstructor(Class<?> type) {
            try {
                return type.getDeclaredConstructor(UUID.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " is a typed id without a (UUID) constructor", e);
            }
        }

        private static Object newId(Constructor<?> constructor, UUID value) {
            try {
                return constructor.newInstance(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not make a " + constructor.getDeclaringClass(), e);
            }
        }
    }
}
