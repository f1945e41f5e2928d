#!/bin/bash
# Runs a class of the Kafka jars: kafka-run-class.sh <class> [args]. KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and
# KAFKA_OPTS as Kafka's own script reads them; logs on standard output (SLF4J's simple provider).
exec java ${KAFKA_HEAP_OPTS:-} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseSerialGC} ${KAFKA_OPTS:-} \
  -Dorg.slf4j.simpleLogger.logFile=System.out -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSSZ" -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
  -cp '/opt/kafka/libs/*' "$@"
