package org.basinledger.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The data directory (the embedded database, the registrar token, the ledger's signing key) is its owner's only:
 * made {@code 0700} before the database opens its files in it, and every file in it {@code 0600} once the
 * ledger is up (H2 creates its files with the process's umask; inside a {@code 0700} directory nobody else can
 * reach them anyway). Where the file system has no POSIX permissions nothing is changed.
 */
@Component
public class DataDirectoryPermissions implements BeanPostProcessor, EnvironmentAware,
        ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Environment environment;
    private volatile boolean directoryReady;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource && !directoryReady) {
            ownerOnlyDirectory(dataDirectory());
            directoryReady = true;
        }
        return bean;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Path directory = dataDirectory();
        ownerOnlyDirectory(directory);
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(Files::isRegularFile).forEach(file -> setPermissions(file, FILE));
        } catch (IOException e) {
            log.warn("could not list the data directory {} to make its files owner-only: {}", directory, e.getMessage());
        }
    }

    private Path dataDirectory() {
        return Path.of(environment.getProperty(DataDirectoryEnvironment.NAME,
                Path.of("data").toAbsolutePath().toString()));
    }

    private static void ownerOnlyDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        setPermissions(directory, DIRECTORY);
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // e.g. a Windows file system: its ACLs are the operator's to set
        } catch (IOException e) {
            log.warn("could not make {} owner-only: {}", path, e.getMessage());
        }
    }
}
