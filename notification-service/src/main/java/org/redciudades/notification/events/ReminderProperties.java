package org.redciudades.notification.events;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param leads        how long before an event's start each reminder goes out
 * @param pollInterval pause between passes of the reminder scheduler
 */
@ConfigurationProperties("notification.reminders")
public record ReminderProperties(@DefaultValue({"24h", "1h"}) List<Duration> leads,
                                 @DefaultValue("10s") Duration pollInterval) {
}
