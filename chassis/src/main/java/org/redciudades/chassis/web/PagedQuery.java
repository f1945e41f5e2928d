package org.redciudades.chassis.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The query behind a list endpoint, written once: the rows of a FROM clause, narrowed by the filters a
 * request gave, counted, and one page of them in the order it asked for. The order is the one place where
 * a request's words reach the SQL text, so the sort field is looked up in the query's own map of sortable
 * columns and anything else is refused, as {@link PageQuery#parse} refuses it.
 *
 * <pre>{@code
 * PagedQuery.of(jdbc, "member", Map.of("name", "normalized_name", "country", "country"), "id")
 *         .filter("status = :status", "status", filter.status())
 *         .filter("country = :country", "country", filter.country())
 *         .page(page, "*", MemberSummary.class);
 * }</pre>
 */
public final class PagedQuery {

    private final JdbcClient jdbc;
    private final String from;
    private final Map<String, String> sortColumns;
    private final String tieBreaker;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    private PagedQuery(JdbcClient jdbc, String from, Map<String, String> sortColumns, String tieBreaker) {
        this.jdbc = jdbc;
        this.from = from;
        this.sortColumns = Map.copyOf(sortColumns);
        this.tieBreaker = tieBreaker;
    }

    /**
     * @param from        the FROM clause, joins and aliases included, e.g. {@code "event e"}
     * @param sortColumns for each field the endpoint sorts by, the column (or expression) it orders by
     * @param tieBreaker  a unique column, so that the order is total and pages neither repeat nor skip rows
     */
    public static PagedQuery of(JdbcClient jdbc, String from, Map<String, String> sortColumns, String tieBreaker) {
        return new PagedQuery(jdbc, from, sortColumns, tieBreaker);
    }

    /** A condition every row meets, without parameters. */
    public PagedQuery where(String condition) {
        conditions.add(condition);
        return this;
    }

    /** A condition every row meets, with its named parameter. */
    public PagedQuery where(String condition, String name, Object value) {
        params.put(name, bindable(value));
        return where(condition);
    }

    /** A filter the request may leave out: the condition applies only when {@code value} is not null. */
    public PagedQuery filter(String condition, String name, Object value) {
        return value == null ? this : where(condition, name, value);
    }

    /** A condition that applies only when {@code applies}, such as "unread only". */
    public PagedQuery filter(boolean applies, String condition) {
        return applies ? where(condition) : this;
    }

    /** The page, each row mapped by {@code type}'s properties (column names in snake case match). */
    public <T> PageQuery.Page<T> page(PageQuery page, String select, Class<T> type) {
        String order = orderBy(page);
        return PageQuery.Page.of(rows(page, select, order).query(type).list(), page, count());
    }

    /** The page, each row mapped by {@code rows}. */
    public <T> PageQuery.Page<T> page(PageQuery page, String select, RowMapper<T> rows) {
        String order = orderBy(page);
        return PageQuery.Page.of(rows(page, select, order).query(rows).list(), page, count());
    }

    private String orderBy(PageQuery page) {
        String column = sortColumns.get(page.sortField());
        if (column == null) {
            throw PageQuery.invalid("sort");
        }
        return " order by " + column + (page.ascending() ? " asc" : " desc") + ", " + tieBreaker;
    }

    private JdbcClient.StatementSpec rows(PageQuery page, String select, String order) {
        return jdbc.sql("select " + select + " from " + from + where() + order + " limit :pageLimit offset :pageOffset")
                .params(params).param("pageLimit", page.size()).param("pageOffset", page.offset());
    }

    private long count() {
        return jdbc.sql("select count(*) from " + from + where()).params(params).query(Long.class).single();
    }

    private String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Object bindable(Object value) {
        return switch (value) {
            case Enum<?> constant -> constant.name();
            case Instant instant -> Timestamp.from(instant);
            case null, default -> value;
        };
    }
}
