package org.redciudades.portal.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.ui.Model;

/**
 * One page of a service's paged answer, as every service's list endpoints give it (the chassis' {@code PagedQuery}):
 * the items, the page's number from 0, its size, and the totals. {@link #addLinks} puts the links that the pager
 * ({@code templates/pager.html}) shows on the model.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultPage<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public ResultPage {
        items = items == null ? List.of() : items;
    }

    /** A page with nothing on it, for a page that cannot ask (a filter that is not one). */
    public static <T> ResultPage<T> empty(int size) {
        return new ResultPage<>(List.of(), 0, size, 0, 0);
    }

    /**
     * The addresses of the previous and next pages ({@code previousPage}, {@code nextPage}), or null where there is
     * none; {@code link} answers the address of a page's number.
     */
    public void addLinks(Model model, IntFunction<String> link) {
        model.addAttribute("previousPage", page > 0 ? link.apply(page - 1) : null);
        model.addAttribute("nextPage", page + 1 < totalPages ? link.apply(page + 1) : null);
    }
}
