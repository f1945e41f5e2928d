package org.redciudades.localstack;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs RS256 JWTs for the demo users with a local RSA key, the stand-in for the production OIDC provider.
 * The key pair lives in a directory ({@code .local-stack/jwt/} for the stack) as {@code private.pem} (PKCS#8) and
 * {@code public.pem} (X.509 SubjectPublicKeyInfo); it is generated once and reused, so tokens survive restarts.
 * The services trust {@code public.pem} only under their {@code local} profile.
 */
public final class LocalTokens {

    public static final String ISSUER = "https://local.redciudades.invalid";
    public static final String KEY_ID = "local";
    public static final Duration LIFETIME = Duration.ofHours(8);

    static final String PRIVATE_KEY_FILE = "private.pem";
    static final String PUBLIC_KEY_FILE = "public.pem";
    private static final String PRIVATE_PEM_TYPE = "PRIVATE KEY";
    private static final String PUBLIC_PEM_TYPE = "PUBLIC KEY";
    private static final int KEY_SIZE = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode HEADER = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT")
            .put("kid", KEY_ID);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A demo user: the path segment of its token URL, and the claims its tokens carry. */
    public record DemoUser(String username, String subject, String name, List<String> roles) {
    }

    /** The demo users by username, in the order they are listed. */
    public static final Map<String, DemoUser> USERS = users(
            new DemoUser("organizer", "demo-organizer", "Organizadora de la Red", List.of("organizer")),
            new DemoUser("member", "demo-member", "Personal de institución miembro", List.of("member")),
            new DemoUser("ops", "demo-ops", "Operaciones", List.of("ops")));

    /** The one demo user whose tokens may carry a {@code member_id} claim. */
    public static final String MEMBER = "member";

    private final Path directory;
    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final boolean created;
    private final Clock clock;

    private LocalTokens(Path directory, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey, boolean created,
                        Clock clock) {
        this.directory = directory;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.created = created;
        this.clock = clock;
    }

    /**
     * Loads the key pair from {@code dir}, or generates it there when there is no {@code private.pem} yet.
     * {@code public.pem} is derived from the private key and rewritten if it is missing or does not match.
     *
     * @throws StackException if {@code private.pem} is there but is not a PKCS#8 RSA private key
     */
    public static LocalTokens loadOrCreate(Path dir) throws IOException {
        return loadOrCreate(dir, Clock.systemUTC());
    }

    static LocalTokens loadOrCreate(Path dir, Clock clock) throws IOException {
        var directory = dir.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        var privateFile = directory.resolve(PRIVATE_KEY_FILE);
        boolean created = false;
        RSAPrivateCrtKey privateKey;
        if (Files.exists(privateFile)) {
            privateKey = readPrivateKey(privateFile);
        } else {
            privateKey = generatePrivateKey();
            writeAtomically(privateFile, pem(PRIVATE_PEM_TYPE, privateKey.getEncoded()), true);
            created = true;
        }
        var publicKey = publicKeyOf(privateKey);
        var publicPem = pem(PUBLIC_PEM_TYPE, publicKey.getEncoded());
        var publicFile = directory.resolve(PUBLIC_KEY_FILE);
        if (!Files.isRegularFile(publicFile) || !Files.readString(publicFile).equals(publicPem)) {
            writeAtomically(publicFile, publicPem, false);
        }
        return new LocalTokens(directory, privateKey, publicKey, created, clock);
    }

    /** A token without an {@code email} claim. */
    public String mint(String user, UUID memberId) {
        return mint(user, memberId, null);
    }

    /**
     * A signed token for a demo user, valid for {@link #LIFETIME} from now.
     *
     * @param user     one of {@link #USERS}
     * @param email    the {@code email} claim (the person's inbox and preferences), omitted when null
     * @param memberId the {@code member_id} claim; only for {@link #MEMBER}, and omitted when null
     * @throws IllegalArgumentException for an unknown user, or a member id for a user other than {@link #MEMBER}
     */
    public String mint(String user, UUID memberId, String email) {
        var demoUser = USERS.get(user);
        if (demoUser == null) {
            throw new IllegalArgumentException("Unknown user " + user + "; the demo users are "
                    + String.join(", ", USERS.keySet()));
        }
        if (memberId != null && !MEMBER.equals(user)) {
            throw new IllegalArgumentException("Only the " + MEMBER + " user takes a member id");
        }
        long issuedAt = clock.instant().getEpochSecond();
        var claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("sub", demoUser.subject())
                .put("preferred_username", demoUser.username())
                .put("name", demoUser.name());
        var roles = claims.putArray("roles");
        demoUser.roles().forEach(roles::add);
        if (memberId != null) {
            claims.put("member_id", memberId.toString());
        }
        if (email != null) {
            claims.put("email", email);
        }
        claims.put("iat", issuedAt)
                .put("nbf", issuedAt)
                .put("exp", issuedAt + LIFETIME.toSeconds())
                .put("jti", UUID.randomUUID().toString());
        var signingInput = base64url(HEADER) + "." + base64url(claims);
        return signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
    }

    /** The verification key, as in {@code public.pem}. */
    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The contents of {@code public.pem}. */
    public String publicKeyPem() {
        return pem(PUBLIC_PEM_TYPE, publicKey.getEncoded());
    }

    /** The public key as a JSON Web Key Set (RFC 7517) with the one key, {@code kid} {@value #KEY_ID}. */
    public String jwkSet() {
        var jwkSet = JSON.createObjectNode();
        jwkSet.putArray("keys").addObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", KEY_ID)
                .put("n", unsignedBase64url(publicKey.getModulus()))
                .put("e", unsignedBase64url(publicKey.getPublicExponent()));
        return jwkSet.toString();
    }

    /** Where the key pair is kept. */
    public Path directory() {
        return directory;
    }

    /** Whether {@link #loadOrCreate} generated the key pair rather than loading it. */
    public boolean created() {
        return created;
    }

    private byte[] sign(String signingInput) {
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the local key: " + e.getMessage(), e);
        }
    }

    private static RSAPrivateCrtKey generatePrivateKey() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair: " + e.getMessage(), e);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) throws IOException {
        var pem = Files.readString(file, StandardCharsets.US_ASCII).strip();
        var begin = "-----BEGIN " + PRIVATE_PEM_TYPE + "-----";
        var end = "-----END " + PRIVATE_PEM_TYPE + "-----";
        if (!pem.startsWith(begin) || !pem.endsWith(end)) {
            throw unreadable(file, "not a PEM \"" + PRIVATE_PEM_TYPE + "\" (PKCS#8)", null);
        }
        try {
            var der = Base64.getMimeDecoder().decode(pem.substring(begin.length(), pem.length() - end.length()));
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der))
                    instanceof RSAPrivateCrtKey key) {
                return key;
            }
            throw unreadable(file, "an RSA key without its CRT parameters", null);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw unreadable(file, "not a PKCS#8 RSA private key (" + e.getMessage() + ")", e);
        }
    }

    private static StackException unreadable(Path file, String problem, Exception cause) {
        return new StackException(file + " is " + problem + ": delete " + file.getParent()
                + " to generate a new key pair (tokens signed with the old key stop working)", cause);
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a sibling temporary file and moves it over {@code file}. A secret is readable by its owner only, and the
     * public key by anyone (temporary files start owner-only).
     */
    private static void writeAtomically(Path file, String content, boolean secret) throws IOException {
        var temp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static String pem(String type, byte[] der) {
        var body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String base64url(ObjectNode json) {
        return BASE64URL.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Big-endian, without the sign byte BigInteger adds when the top bit is set (RFC 7518 §6.3.1). */
    private static String unsignedBase64url(BigInteger value) {
        var bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    private static Map<String, DemoUser> users(DemoUser... users) {
        var byName = new LinkedHashMap<String, DemoUser>();
        for (var user : users) {
            byName.put(user.username(), user);
        }
        return Collections.unmodifiableMap(byName);
    }
}
