package org.redciudades.chassis.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Bounds how long an HTTP request waits for the database's answer to a statement, so that a database that
 * stops answering (paused, or cut off by the network) costs a request a few seconds and a 503, never the
 * whole outage: a connection taken while a request is being served gets a network timeout
 * ({@link Connection#setNetworkTimeout}, a socket read timeout in the PostgreSQL driver), which the pool
 * takes off again when the connection comes back. Work outside requests (migrations, the outbox relay,
 * consumers, health checks) keeps the driver's default, no timeout, since a migration that builds an index
 * may legitimately run for minutes. A statement that hits the timeout fails with a connection error
 * (SQLSTATE 08006) and its connection is discarded.
 */
public class RequestConnections implements BeanPostProcessor {

    /** The driver applies the timeout itself; it runs nothing on this executor. */
    private static final Executor UNUSED = Runnable::run;

    private final Duration timeout;

    public RequestConnections(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource dataSource && !(bean instanceof TimedDataSource) && !timeout.isZero()) {
            return new TimedDataSource(dataSource, Math.toIntExact(timeout.toMillis()));
        }
        return bean;
    }

    /** The application's data source, whose connections time out inside requests. */
    static final class TimedDataSource extends DelegatingDataSource {

        private final int millis;

        TimedDataSource(DataSource target, int millis) {
            super(target);
            this.millis = millis;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return bounded(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return bounded(super.getConnection(username, password));
        }

        private Connection bounded(Connection connection) throws SQLException {
            if (RequestContextHolder.getRequestAttributes() != null) {
                try {
                    connection.setNetworkTimeout(UNUSED, millis);
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
            return connection;
        }
    }
}
