package org.redciudades.chassis.config;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * A last line of defence for the JSON logs: any email address in any logged text (a message, an
 * exception's message such as a database's "Key (email)=(...) already exists", a stack trace) is
 * masked to {@code ***@domain}. The code itself logs ids, never names or emails.
 */
public class PersonalDataMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@([\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+)");

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PersonalDataMasking::mask));
    }

    static String mask(String text) {
        return text == null || text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll("***@$1");
    }
}
