package io.step3vl.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolkit version recorded in provenance, from the core-model jar's Maven metadata. */
public final class CodeVersion {
    private static final String POM_PROPERTIES = "/META-INF/maven/io.step3vl/step3vl-core-model/pom.properties";
    private static final String CURRENT = load();

    private CodeVersion() {}

    /** {@code step3vl <version>}, or {@code step3vl dev} when running from classes outside a jar. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = CodeVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                String version = props.getProperty("version");
                if (version != null && !version.isBlank()) {
                    return "step3vl " + version;
                }
            }
        } catch (IOException ignored) {
            // unreadable metadata: fall through to the package version
        }
        String version = CodeVersion.class.getPackage().getImplementationVersion();
        return "step3vl " + (version == null ? "dev" : version);
    }
}
