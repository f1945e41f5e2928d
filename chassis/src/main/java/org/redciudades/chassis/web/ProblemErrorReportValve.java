package org.redciudades.chassis.web;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error report, for requests it refuses before any servlet runs (a {@code %00} or an
 * encoded slash in the path): problem+json instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private final Problems problems;

    public ProblemErrorReportValve(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        if (status == null || !status.isError() || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            PrintWriter writer = response.getReporter();
            if (writer == null) {
                return;
            }
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            writer.write(problems.json(request, status, ProblemErrorController.slugOf(status)));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is already committed: nothing more to say.
        }
    }
}
