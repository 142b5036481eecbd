package org.actorgraph.neo4jlauncher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j Community with its Bolt connector on 127.0.0.1 and an empty
 * database in a directory of its own, for the live tests and benchmarks of
 * actorgraph (.ci/neo4j runs it; see there).
 *
 * <pre>
 *   NEO4J_LAUNCHER_PASSWORD=... java -cp ... org.actorgraph.neo4jlauncher.Launcher HOME READY_FILE [PORT] [PAGECACHE]
 * </pre>
 *
 * HOME is the DBMS home (created; its data/ and logs/ go there), READY_FILE
 * is written, atomically, once the server accepts Bolt handshakes on
 * 127.0.0.1 and the password is set: "port=N" and "pid=N", a line each. PORT 0 (the default)
 * lets the kernel pick a free port. PAGECACHE is the page cache size
 * ("256m" by default). Authentication is on: the user neo4j gets the
 * password from the environment variable NEO4J_LAUNCHER_PASSWORD (kept out
 * of the command line, which every user of the machine can read), with no
 * change required.
 *
 * The JVM stops cleanly on SIGTERM or SIGINT: a shutdown hook shuts the DBMS
 * down (checkpoint, files closed) before the process exits.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: Launcher HOME READY_FILE [PORT] [PAGECACHE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path ready = Path.of(args[1]).toAbsolutePath();
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String pagecache = args.length > 3 ? args[3] : "256m";
        String password = System.getenv("NEO4J_LAUNCHER_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("launcher: set NEO4J_LAUNCHER_PASSWORD to a password of 8 characters or more");
            System.exit(2);
        }
        Files.createDirectories(home);

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(Map.of(
                        BoltConnector.enabled, true,
                        BoltConnector.listen_address, new SocketAddress("127.0.0.1", port),
                        BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port),
                        BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED,
                        GraphDatabaseSettings.auth_enabled, true,
                        GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pagecache)))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("launcher: stopping neo4j");
            dbms.shutdown();
            System.out.println("launcher: neo4j stopped");
            stopped.countDown();
        }, "neo4j-shutdown"));

        setPassword(dbms, password);

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database("neo4j");
        HostnamePort bolt = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) {
            throw new IllegalStateException("the Bolt connector did not register an address");
        }
        handshake(bolt.getPort());

        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, "port=" + bolt.getPort() + "\npid=" + ProcessHandle.current().pid() + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("launcher: neo4j %s ready on bolt://127.0.0.1:%d in %.1f s (home %s)%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(), bolt.getPort(),
                (System.nanoTime() - started) / 1e9, home);
        stopped.await();
    }

    /**
     * Gives the user neo4j the password, with no change required. A home
     * that was started before (NEO4J_HOME_DIR) may have it already, which
     * Neo4j refuses to set again: then it is right as it is.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c.getMessage() != null && c.getMessage().contains("Old password and new password cannot be the same")) {
                    return;
                }
            }
            throw e;
        }
    }

    /**
     * Opens a connection to the Bolt port and checks that the server agrees
     * on a Bolt 5 or 4 protocol version, as a driver's first exchange does.
     */
    private static void handshake(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            // Magic preamble, then four proposals: 5.0-5.4 (range 4), 4.4,
            // and two empty slots.
            out.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17,
                0, 4, 4, 5,
                0, 0, 4, 4,
                0, 0, 0, 0,
                0, 0, 0, 0,
            });
            out.flush();
            InputStream in = s.getInputStream();
            byte[] version = in.readNBytes(4);
            if (version.length != 4 || (version[3] != 5 && version[3] != 4)) {
                throw new IOException("the Bolt handshake on port " + port + " failed: got "
                        + java.util.Arrays.toString(version));
            }
        }
    }
}
