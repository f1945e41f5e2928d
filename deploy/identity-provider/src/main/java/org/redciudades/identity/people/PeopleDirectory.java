package org.redciudades.identity.people;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.redciudades.identity.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people who can sign in: those in configuration ({@code identity.people}) and those put through the admin API.
 * The latter are kept in {@code <state-dir>/people.json} when there is a state directory. At start the file is read
 * first and configuration applied over it, so a configured person is always as configured after a restart.
 */
@Component
public class PeopleDirectory implements UserDetailsService {

    static final String FILE = "people.json";
    private static final Logger log = LoggerFactory.getLogger(PeopleDirectory.class);

    private final Map<String, Person> people = new ConcurrentHashMap<>();
    /** Those put through the admin API, which is what the file holds. */
    private final Map<String, Person> added = new ConcurrentHashMap<>();
    private final Optional<Path> file;
    private final JsonMapper json;
    private final PasswordEncoder passwordEncoder;

    public PeopleDirectory(IdentityProperties properties, JsonMapper json, PasswordEncoder passwordEncoder) {
        this.file = properties.stateDirectory().map(directory -> directory.resolve(FILE));
        this.json = json;
        this.passwordEncoder = passwordEncoder;
        file.filter(Files::exists).ifPresent(this::load);
        people.putAll(added);
        properties.people().forEach((key, configured) -> {
            var person = fromConfiguration(key, configured);
            people.put(person.username(), person);
        });
        log.info("{} people can sign in ({} from configuration, {} from {})", people.size(),
                properties.people().size(), added.size(), file.map(Path::toString).orElse("nowhere: no state dir"));
    }

    public Optional<Person> find(String username) {
        return Optional.ofNullable(people.get(username));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var person = find(username).orElseThrow(() -> new UsernameNotFoundException("No person " + username));
        return User.withUsername(person.username())
                .password(person.password())
                .roles(person.roles().toArray(String[]::new))
                .build();
    }

    /**
     * Creates or replaces a person, with a password in plain text.
     *
     * @return true if there was no person with that username before
     */
    public synchronized boolean put(Person person, String plainPassword) {
        var stored = person.withPassword(passwordEncoder.encode(plainPassword));
        boolean created = people.put(stored.username(), stored) == null;
        added.put(stored.username(), stored);
        file.ifPresent(this::save);
        return created;
    }

    private Person fromConfiguration(String key, IdentityProperties.Person configured) {
        var username = configured.username() != null ? configured.username() : key;
        try {
            return new Person(username, encoded(configured.password()), configured.email(),
                    configured.emailVerified(), configured.name(), configured.locale(), configured.zoneinfo(),
                    configured.roles(), configured.claims());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("identity.people." + key + ": " + e.getMessage(), e);
        }
    }

    /** DelegatingPasswordEncoder form as given, or plain text marked as such. */
    private static String encoded(String password) {
        if (password == null || password.startsWith("{") && password.indexOf('}') > 1) {
            return password;
        }
        return "{noop}" + password;
    }

    private void load(Path path) {
        try {
            List<Person> stored = json.readValue(path.toFile(), new TypeReference<List<Person>>() { });
            stored.forEach(person -> added.put(person.username(), person));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the people kept in " + path + ": " + e.getMessage(), e);
        }
    }

    private void save(Path path) {
        var list = new ArrayList<>(added.values());
        list.sort(Comparator.comparing(Person::username));
        try {
            Files.createDirectories(path.getParent());
            var temporary = path.resolveSibling(FILE + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), list);
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the people in " + path, e);
        }
    }
}
