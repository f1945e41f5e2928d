package org.redciudades.chassis.config;

import org.redciudades.chassis.privacy.EmailAddresses;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * A last line of defence for the JSON logs: any email address in any logged text (a message, an
 * exception's message such as a database's "Key (email)=(...) already exists", a stack trace) is
 * masked to {@code ***@domain}. The code itself logs ids, never names or emails.
 */
public class PersonalDataMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, PersonalDataMasking::mask));
    }

    static String mask(String text) {
        return text == null || text.indexOf('@') < 0 ? text : EmailAddresses.IN_TEXT.matcher(text).replaceAll("***@$1");
    }
}
