package org.redciudades.chassis.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where Testcontainers finds a container engine (Docker, or podman's Docker-compatible API
 * through {@code DOCKER_HOST}); elsewhere the class is skipped, saying why, and the rest of the suite runs as usual.
 * With {@code REDCIUDADES_CONTAINER_TESTS=required} (as {@code .ci/run} sets it) a missing engine fails the class
 * instead, so that CI cannot pass by skipping them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RequiresContainerEngine.Condition.class)
public @interface RequiresContainerEngine {

    String NO_ENGINE = "no container engine: start podman's API (see README, \"Tests on containers\") or Docker";

    class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("a container engine answers");
            }
            if ("required".equals(System.getenv("REDCIUDADES_CONTAINER_TESTS"))) {
                throw new IllegalStateException("REDCIUDADES_CONTAINER_TESTS=required, but " + NO_ENGINE);
            }
            return ConditionEvaluationResult.disabled(NO_ENGINE);
        }
    }
}
