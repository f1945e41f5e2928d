package org.redciudades.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PageQueryTest {

    static final Set<String> SORTABLE = Set.of("name", "country");

    @Test
    void defaults_are_the_first_page_of_twenty_in_the_endpoints_default_order() {
        PageQuery query = PageQuery.parse(null, null, null, SORTABLE, "name,asc");

        assertThat(query).isEqualTo(new PageQuery(0, 20, "name", true));
        assertThat(query.offset()).isZero();
    }

    @Test
    void an_explicit_page_size_and_descending_sort_are_honoured() {
        PageQuery query = PageQuery.parse(3, 50, "country,desc", SORTABLE, "name,asc");

        assertThat(query).isEqualTo(new PageQuery(3, 50, "country", false));
        assertThat(query.offset()).isEqualTo(150);
    }

    @Test
    void a_negative_page_a_size_over_the_maximum_and_an_unknown_sort_field_are_refused_naming_the_parameter() {
        assertThatThrownBy(() -> PageQuery.parse(-1, null, null, SORTABLE, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.arguments()[0]).isEqualTo("page"));
        assertThatThrownBy(() -> PageQuery.parse(0, 101, null, SORTABLE, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.arguments()[0]).isEqualTo("size"));
        assertThatThrownBy(() -> PageQuery.parse(0, 10, "password,asc", SORTABLE, "name"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.arguments()[0]).isEqualTo("sort"));
        assertThatThrownBy(() -> PageQuery.parse(0, 10, "name,sideways", SORTABLE, "name"))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void a_page_counts_the_pages_a_total_makes() {
        PageQuery query = new PageQuery(0, 20, "name", true);

        assertThat(PageQuery.Page.of(List.of("a"), query, 41).totalPages()).isEqualTo(3);
        assertThat(PageQuery.Page.of(List.of(), query, 0).totalPages()).isZero();
    }
}
