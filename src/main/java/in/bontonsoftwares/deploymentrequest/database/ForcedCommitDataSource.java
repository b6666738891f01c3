package in.bontonsoftwares.deploymentrequest.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionProxy;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * An H2 pool whose connections return from {@code commit()} only once the commit is on the disk: a
 * commit is followed by {@code CHECKPOINT SYNC} on the same connection, which writes what H2 has
 * not written yet and forces the database file to the storage device ({@code FileChannel.force}),
 * unless a sync that started after it already did. H2 itself acknowledges a commit before its
 * MVStore has written it (see {@link ForcedH2Commits}).
 */
final class ForcedCommitDataSource extends DelegatingDataSource implements AutoCloseable {

  private static final String SYNC = "CHECKPOINT SYNC";

  /** Commits returned so far, and how many of them are known to be on the disk. */
  private final AtomicLong commits = new AtomicLong();

  private final Object syncLock = new Object();
  private long forced;

  ForcedCommitDataSource(DataSource pool) {
    super(pool);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return forcing(obtainTargetDataSource().getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return forcing(obtainTargetDataSource().getConnection(username, password));
  }

  /** The pool is the bean Spring closes at shutdown: closing it closes H2 cleanly. */
  @Override
  public void close() throws Exception {
    if (getTargetDataSource() instanceof AutoCloseable pool) {
      pool.close();
    }
  }

  private Connection forcing(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            ForcedCommitDataSource.class.getClassLoader(),
            new Class<?>[] {ConnectionProxy.class},
            new ForcingCommits(connection));
  }

  /**
   * Forces the commits made so far to disk, once for all that are waiting: a sync that starts after
   * a commit returned writes and forces that commit too, so of several connections committing at
   * once only the first syncs and the others find their commit already forced (group commit).
   */
  private void forceCommitted(Connection connection) throws SQLException {
    long commit = commits.incrementAndGet();
    synchronized (syncLock) {
      if (forced >= commit) {
        return;
      }
      long upTo = commits.get();
      try (Statement sync = connection.createStatement()) {
        sync.execute(SYNC);
      }
      forced = upTo;
    }
  }

  private final class ForcingCommits implements InvocationHandler {

    private final Connection target;

    ForcingCommits(Connection target) {
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "getTargetConnection":
          return target;
        default:
          break;
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getTargetException();
      }
      if ("commit".equals(method.getName()) && method.getParameterCount() == 0) {
        forceCommitted(target);
      }
      return result;
    }
  }
}
