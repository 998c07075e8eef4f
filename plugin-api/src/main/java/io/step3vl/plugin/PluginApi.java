package io.step3vl.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions and names the host and plugins agree on. */
public final class PluginApi {
    /** The tool's version as built, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static final String TOOL_VERSION = readVersion();

    /**
     * The version plugins are checked against ({@code Plugin-Requires: >=0.1.0}): the tool version
     * without its qualifier, because semver ranks {@code 0.1.0-SNAPSHOT} below {@code 0.1.0}.
     */
    public static final String API_VERSION = TOOL_VERSION.replaceFirst("-.*$", "");

    /** System property the launcher sets to the distribution directory. */
    public static final String HOME_PROPERTY = "step3vl.home";

    /** Environment variable holding extra plugin locations (a path list, like PATH). */
    public static final String PLUGINS_ENV = "STEP3VL_PLUGINS";

    /** Prefix of the environment variables that set options: {@code STEP3VL_MAX_TOKENS=64}. */
    public static final String OPTION_ENV_PREFIX = "STEP3VL_";

    private PluginApi() {}

    private static String readVersion() {
        Properties props = new Properties();
        try (InputStream in = PluginApi.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("io/step3vl/plugin/version.properties missing from the build");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }
}
