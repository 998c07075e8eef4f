package io.step3vl.cli.plugins;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;

/**
 * PF4J's manager narrowed to what the host needs: plugins are jar files (manifest descriptor, one
 * class loader each, plugin classes first), given explicitly rather than found under a working-dir
 * "plugins" folder; nothing is unzipped or disabled by side files, and a plugin with a missing or
 * wrong-version dependency is dropped instead of failing the whole load.
 */
final class HostPluginManager extends DefaultPluginManager {
    HostPluginManager(String systemVersion) {
        super(List.of());
        setSystemVersion(systemVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    /** Loads one jar; throws PF4J's exception (bad manifest, duplicate id...) for the caller to report. */
    PluginWrapper load(Path jar) {
        return loadPluginFromPath(jar);
    }

    /** Resolves dependencies between the loaded plugins (drops the unresolvable ones). */
    void resolve() {
        resolvePlugins();
    }

    /** Whether the plugin's {@code Plugin-Requires} admits this host's API version. */
    boolean requirementMet(PluginWrapper plugin) {
        return isPluginValid(plugin);
    }

    @Override
    protected PluginRepository createPluginRepository() {
        // Unused: jars are handed to load() one by one so each failure can be reported.
        return new PluginRepository() {
            @Override
            public List<Path> getPluginPaths() {
                return List.of();
            }

            @Override
            public boolean deletePluginPath(Path pluginPath) {
                return false;
            }
        };
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        // No enabled.txt/disabled.txt side files: a plugin is enabled by being present.
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("remove the plugin's jar to disable it");
            }

            @Override
            public void enablePlugin(String pluginId) {
                // Nothing to record: present plugins are enabled.
            }
        };
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
        // The host reads each jar's META-INF/extensions.idx itself (PluginHost) so that a missing
        // class is reported per plugin; PF4J's finder would also scan every jar of the class path.
        return new ExtensionFinder() {
            @Override
            public <T> List<org.pf4j.ExtensionWrapper<T>> find(Class<T> type) {
                return List.of();
            }

            @Override
            public <T> List<org.pf4j.ExtensionWrapper<T>> find(Class<T> type, String pluginId) {
                return List.of();
            }

            @Override
            public List<org.pf4j.ExtensionWrapper> find(String pluginId) {
                return List.of();
            }

            @Override
            public java.util.Set<String> findClassNames(String pluginId) {
                return java.util.Set.of();
            }
        };
    }
}
