package org.basinledger.app.config;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.boot.model.TypeContributor;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.jdbc.spi.JdbcServices;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;
import org.hibernate.type.descriptor.jdbc.VarbinaryJdbcType;

/**
 * Stores Axon's {@code @Lob byte[]} columns as plain binary columns instead of large objects. Axon's entities cannot
 * be annotated, so the mapping is changed for the dialect. Registered through {@code META-INF/services}.
 * <ul>
 *     <li>PostgreSQL: {@code bytea} instead of {@code oid} large objects, which leak from the constantly rewritten
 *     token table.</li>
 *     <li>H2: {@code varbinary} instead of {@code blob}: every event's payload and metadata (0.5–2 KB) would
 *     otherwise go through H2's separate LOB storage (written, read back by the processors, cleaned up), which was
 *     5–11 % of the CPU of a lifecycle benchmark.</li>
 * </ul>
 * The Flyway scripts of each database declare the columns so ({@code db/migration/{vendor}/V1}).
 */
public class PostgresBinaryTypeContributor implements TypeContributor {

    @Override
    public void contribute(TypeContributions contributions, ServiceRegistry serviceRegistry) {
        Dialect dialect = serviceRegistry.requireService(JdbcServices.class).getDialect();
        if (dialect instanceof PostgreSQLDialect) {
            contributions.getTypeConfiguration().getJdbcTypeRegistry()
                    .addDescriptor(SqlTypes.BLOB, BinaryJdbcType.INSTANCE);
        } else if (dialect instanceof H2Dialect) {
            contributions.getTypeConfiguration().getJdbcTypeRegistry()
                    .addDescriptor(SqlTypes.BLOB, VarbinaryJdbcType.INSTANCE);
        }
    }
}
