package org.redciudades.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.ui.ExtendedModelMap;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

class ResultPageTest {

    @Test
    void a_middle_page_links_to_the_pages_before_and_after_it() {
        ExtendedModelMap model = new ExtendedModelMap();
        new ResultPage<>(List.of("b"), 1, 20, 60, 3).addLinks(model, number -> "/inbox?page=" + number);
        assertThat(model).containsEntry("previousPage", "/inbox?page=0").containsEntry("nextPage", "/inbox?page=2");
    }

    @Test
    void the_first_page_has_no_previous_one_and_the_last_no_next_one() {
        ExtendedModelMap first = new ExtendedModelMap();
        new ResultPage<>(List.of("a"), 0, 20, 60, 3).addLinks(first, number -> "/p" + number);
        assertThat(first.get("previousPage")).isNull();
        assertThat(first).containsEntry("nextPage", "/p1");
        ExtendedModelMap last = new ExtendedModelMap();
        new ResultPage<>(List.of("c"), 2, 20, 60, 3).addLinks(last, number -> "/p" + number);
        assertThat(last).containsEntry("previousPage", "/p1");
        assertThat(last.get("nextPage")).isNull();
    }

    @Test
    void a_service_that_leaves_out_the_items_gives_an_empty_list() {
        assertThat(new ResultPage<String>(null, 0, 20, 0, 0).items()).isEmpty();
        assertThat(ResultPage.empty(20).totalPages()).isZero();
    }

    @Test
    void the_pager_says_which_page_of_how_many_and_links_both_ways_in_the_readers_language() {
        ExtendedModelMap model = new ExtendedModelMap();
        ResultPage<String> page = new ResultPage<>(List.of("b"), 1, 20, 60, 3);
        page.addLinks(model, number -> "/inbox?page=" + number);
        model.addAttribute("p", page);

        String spanish = render(model, Locale.forLanguageTag("es-MX"));
        assertThat(spanish).contains("aria-label=\"Páginas de resultados\"", "href=\"/inbox?page=0\" rel=\"prev\"",
                ">Página anterior<", ">Página 2 de 3<", "href=\"/inbox?page=2\" rel=\"next\"", ">Página siguiente<");
        assertThat(render(model, Locale.ENGLISH)).contains(">Previous page<", ">Page 2 of 3<", ">Next page<");
    }

    @Test
    void a_list_of_one_page_has_no_pager() {
        ExtendedModelMap model = new ExtendedModelMap();
        ResultPage<String> page = new ResultPage<>(List.of("a"), 0, 20, 1, 1);
        page.addLinks(model, number -> "/inbox?page=" + number);
        model.addAttribute("p", page);
        assertThat(render(model, Locale.forLanguageTag("es-MX"))).doesNotContain("<nav");
    }

    /** The pager fragment as a page includes it, with the portal's templates and bundles. */
    private static String render(Map<String, Object> model, Locale locale) {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setOrder(2);
        StringTemplateResolver page = new StringTemplateResolver();
        page.setResolvablePatterns(java.util.Set.of("<*"));
        page.setOrder(1);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolvers(java.util.Set.of(page, templates));
        engine.setTemplateEngineMessageSource(messages);
        return engine.process("<div th:replace=\"~{pager :: pager(${p}, #{pager.pages})}\"></div>",
                new WebContext(JakartaServletWebApplication.buildApplication(new MockServletContext())
                        .buildExchange(new MockHttpServletRequest(), new MockHttpServletResponse()), locale, model));
    }
}
