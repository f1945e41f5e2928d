package org.redciudades.chassis.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * The paging and sorting of a list request, by the conventions in {@code chassis/API.md}: {@code page}
 * counts from 0, {@code size} is 1 to {@link #MAX_SIZE} (default {@link #DEFAULT_SIZE}), and
 * {@code sort=field,asc|desc} names one of the fields the endpoint allows. Anything else is a 400 that
 * names the parameter.
 */
public record PageQuery(int page, int size, String sortField, boolean ascending) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /** A page of results, with what a client needs to ask for the next one. */
    public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {
        public static <T> Page<T> of(List<T> items, PageQuery query, long totalItems) {
            return new Page<>(items, query.page(), query.size(), totalItems, (totalItems + query.size() - 1) / query.size());
        }
    }

    /**
     * @param sortable    the fields this endpoint may sort by
     * @param defaultSort used when {@code sort} is absent, e.g. {@code "name,asc"}
     */
    public static PageQuery parse(Integer page, Integer size, String sort, Set<String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        if (p < 0) {
            throw invalid("page");
        }
        int s = size == null ? DEFAULT_SIZE : size;
        if (s < 1 || s > MAX_SIZE) {
            throw invalid("size");
        }
        String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",", -1);
        if (parts.length > 2 || !sortable.contains(parts[0])
                || (parts.length == 2 && !parts[1].equals("asc") && !parts[1].equals("desc"))) {
            throw invalid("sort");
        }
        return new PageQuery(p, s, parts[0], parts.length == 1 || parts[1].equals("asc"));
    }

    public long offset() {
        return (long) page * size;
    }

    /** The 400 that names a page parameter the request got wrong. */
    static ProblemException invalid(String parameter) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-page-parameter", parameter, MAX_SIZE)
                .with("errors", List.of(Map.of("field", parameter, "reason", "invalid")));
    }
}
