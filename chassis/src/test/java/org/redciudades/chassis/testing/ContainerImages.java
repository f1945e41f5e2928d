package org.redciudades.chassis.testing;

import org.testcontainers.utility.DockerImageName;

/**
 * The images of {@link ServiceContainers}: the public ones users pull ({@code apache/kafka}, {@code postgres}), unless
 * a system property or an environment variable names another, which then stands in for the public one
 * ({@code asCompatibleSubstituteFor}): {@code REDCIUDADES_KAFKA_IMAGE} or {@code -Dredciudades.kafka.image}, and
 * {@code REDCIUDADES_POSTGRES_IMAGE} or {@code -Dredciudades.postgres.image}. Where no registry is reachable (this
 * project's CI), those name the stand-ins built by deploy/images/build-base.sh, already in the engine's store, so
 * nothing is pulled.
 */
public final class ContainerImages {

    public static final String KAFKA = "apache/kafka:4.1.0";
    public static final String POSTGRES = "postgres:17";

    private ContainerImages() {
    }

    public static DockerImageName kafka() {
        return image("redciudades.kafka.image", "REDCIUDADES_KAFKA_IMAGE", KAFKA);
    }

    public static DockerImageName postgres() {
        return image("redciudades.postgres.image", "REDCIUDADES_POSTGRES_IMAGE", POSTGRES);
    }

    private static DockerImageName image(String property, String variable, String publicImage) {
        String configured = System.getProperty(property, System.getenv(variable));
        DockerImageName standard = DockerImageName.parse(publicImage);
        if (configured == null || configured.isBlank()) {
            return standard;
        }
        return DockerImageName.parse(configured.strip()).asCompatibleSubstituteFor(standard.getUnversionedPart());
    }
}
