package io.step3vl.cli;

import io.step3vl.plugin.PluginApi;
import picocli.CommandLine.IVersionProvider;

/** {@code step3vl --version}: the tool, its plugin API and the Java it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "step3vl " + PluginApi.TOOL_VERSION + " (plugin API " + PluginApi.API_VERSION + ")",
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        };
    }
}
