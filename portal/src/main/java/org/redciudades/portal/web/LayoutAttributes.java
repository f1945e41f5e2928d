package org.redciudades.portal.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.redciudades.portal.security.SignedInPerson;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every page's layout needs, as request attributes, so that error pages have it too (an exception handler's
 * model gets no {@code @ModelAttribute}s): who is signed in ({@code person}), this page's address for the language
 * switch and the return after signing in ({@code pagePath}, which a page may replace in its model), and the CSRF header
 * htmx sends ({@code csrfHeaders}).
 */
class LayoutAttributes implements HandlerInterceptor {

    static final String PERSON = "person";
    static final String PAGE_PATH = "pagePath";
    static final String CSRF_HEADERS = "csrfHeaders";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        SignedInPerson person = SignedInPerson.from(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
        request.setAttribute(PERSON, person);
        request.setAttribute(PAGE_PATH, pagePath(request));
        // Only for a signed-in person, who has a session anyway: an anonymous reader only reads, and gets no session.
        if (person != null && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            request.setAttribute(CSRF_HEADERS, "{\"" + token.getHeaderName() + "\": \"" + token.getToken() + "\"}");
        }
        return true;
    }

    /** The page's path and query without the language switch's parameter; "/" for a form's answer. */
    static String pagePath(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String failed) {
            return failed;
        }
        if (!"GET".equals(request.getMethod())) {
            return "/";
        }
        String query = request.getQueryString() == null ? null : UriComponentsBuilder.newInstance()
                .query(request.getQueryString()).replaceQueryParam(PortalLocales.PARAMETER).build().getQuery();
        return request.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
