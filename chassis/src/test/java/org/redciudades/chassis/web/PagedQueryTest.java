package org.redciudades.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The one paged list query, on a real PostgreSQL table of cities. */
class PagedQueryTest {

    enum Size { SMALL, LARGE }

    record City(int id, String name, String country, Size size, Instant foundedAt) {
    }

    static final Map<String, String> SORTABLE = Map.of("name", "name", "foundedAt", "founded_at");
    static JdbcClient jdbc;

    @BeforeAll
    static void createCities() {
        String url = RealInfrastructure.createDatabase("paged_query_" + ThreadLocalRandom.current().nextInt(1_000_000));
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", "postgres"));
        jdbc.sql("create table city (id int primary key, name text, country text, size text, founded_at timestamptz)").update();
        jdbc.sql("""
                insert into city values
                  (1, 'Torreón', 'MX', 'LARGE', '1907-09-15T00:00:00Z'), (2, 'Colón', 'PA', 'SMALL', '1852-02-27T00:00:00Z'),
                  (3, 'David', 'PA', 'SMALL', '1738-01-01T00:00:00Z'), (4, 'Panamá', 'PA', 'LARGE', '1519-08-15T00:00:00Z'),
                  (5, 'Cartago', 'CR', 'SMALL', '1563-01-01T00:00:00Z'), (6, 'Antigua', 'GT', 'SMALL', '1543-03-10T00:00:00Z')
                """).update();
    }

    @Test
    void filters_that_are_given_combine_and_those_left_out_are_ignored_in_the_count_and_the_page() {
        PageQuery.Page<City> page = cities()
                .filter("country = :country", "country", "PA")
                .filter("size = :size", "size", Size.SMALL)
                .filter("name = :name", "name", null)
                .page(new PageQuery(0, 10, "name", true), "*", City.class);

        assertThat(page.items()).extracting(City::name).containsExactly("Colón", "David");
        assertThat(page.totalItems()).isEqualTo(2);
        assertThat(page.items().getFirst()).isEqualTo(new City(2, "Colón", "PA", Size.SMALL, Instant.parse("1852-02-27T00:00:00Z")));
    }

    @Test
    void a_page_counts_every_match_and_holds_the_rows_of_its_place_in_the_requested_order() {
        PageQuery second = new PageQuery(1, 2, "foundedAt", false);

        PageQuery.Page<City> page = cities().filter("founded_at < :before", "before", Instant.parse("1900-01-01T00:00:00Z"))
                .page(second, "id, name", (rs, n) -> new City(rs.getInt("id"), rs.getString("name"), null, null, null));

        assertThat(page.items()).extracting(City::name).containsExactly("Cartago", "Antigua");
        assertThat(page.totalItems()).isEqualTo(5);
        assertThat(page.totalPages()).isEqualTo(3);
    }

    @Test
    void a_sort_field_outside_the_queries_own_columns_is_refused_as_a_bad_sort_parameter_before_any_sql_runs() {
        for (String field : List.of("country", "name; drop table city", "size")) {
            assertThatThrownBy(() -> cities().page(new PageQuery(0, 10, field, true), "*", City.class))
                    .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.arguments()[0]).isEqualTo("sort"));
        }
        assertThat(jdbc.sql("select count(*) from city").query(Long.class).single()).isEqualTo(6);
    }

    private static PagedQuery cities() {
        return PagedQuery.of(jdbc, "city", SORTABLE, "id");
    }
}
